namespace Gonghui.Functions.Hotline.Domain;

public enum TicketChannel
{
    Phone,
    Web,
    App,
    WalkIn,
}
