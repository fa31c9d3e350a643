namespace Gonghui.Functions.Hotline;

public enum TicketChannel
{
    Phone,
    Web,
    App,
    WalkIn,
}
