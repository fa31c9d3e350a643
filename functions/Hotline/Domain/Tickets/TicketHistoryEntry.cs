namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// One change to a ticket: who (actor), when, what (action, status change, details such as the
/// unit or satisfaction) and why (reason or note). Entries are numbered 1, 2, … per ticket.
/// </summary>
public sealed record TicketHistoryEntry(
    int Sequence,
    DateTimeOffset At,
    string ActorId,
    string Action,
    TicketStatus FromStatus,
    TicketStatus ToStatus,
    string? Reason,
    IReadOnlyDictionary<string, string> Details);
