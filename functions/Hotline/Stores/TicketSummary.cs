using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>One row of the ticket list: what the index keeps about a ticket (no personal data).</summary>
public sealed record TicketSummary(
    string Id,
    string Number,
    TicketStatus Status,
    string RegionCode,
    TicketCategory Category,
    TicketUrgency Urgency,
    string? UnitId,
    string Subject,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ResolutionDueAt,
    bool Overdue,
    int Version);
