namespace Gonghui.Functions.Hotline;

public enum TicketUrgency
{
    Normal,
    Urgent,
}
