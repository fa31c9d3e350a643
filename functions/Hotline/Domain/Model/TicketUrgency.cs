namespace Gonghui.Functions.Hotline.Domain;

public enum TicketUrgency
{
    Normal,
    Urgent,
}
