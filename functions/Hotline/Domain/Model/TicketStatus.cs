namespace Gonghui.Functions.Hotline.Domain;

/// <summary>受理 / 派单 / 办理 / 办结 / 结案. Waiting on the caller is a flag within in_progress.</summary>
public enum TicketStatus
{
    Received,
    Assigned,
    InProgress,
    Resolved,
    Closed,
}
