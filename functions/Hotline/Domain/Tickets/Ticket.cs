namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// A hotline ticket's current state (a snapshot; its history is kept as separate entries).
/// Every figure and SLA decision is a function of this snapshot alone, so stores can index it and
/// figures can be kept as summed contributions.
/// </summary>
public sealed record Ticket
{
    public required string Id { get; init; }

    public required TicketNumber Number { get; init; }

    public required TicketIntake Intake { get; init; }

    /// <summary>Keyed hash of the caller's phone, for duplicate checks without the number.</summary>
    public required string PhoneHash { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required TicketStatus Status { get; init; }

    /// <summary>The number of history entries; the next entry's sequence is this plus one.</summary>
    public required int Version { get; init; }

    public string? UnitId { get; init; }

    /// <summary>Within in_progress: the resolution clock is paused until the caller answers.</summary>
    public bool WaitingOnCaller { get; init; }

    public int TransferCount { get; init; }

    /// <summary>When the ticket was escalated for supervision (提级督办) after too many transfers.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>An earlier ticket this one may duplicate (same phone and category within the window).</summary>
    public string? PossibleDuplicateOf { get; init; }

    public string? MergedInto { get; init; }

    /// <summary>Tickets merged into this one, each recorded once in its history.</summary>
    public IReadOnlyList<string> MergedDuplicates { get; init; } = [];

    public DateTimeOffset? FirstResponseAt { get; init; }

    /// <summary>Working time from receipt to first acceptance.</summary>
    public TimeSpan? FirstResponseTime { get; init; }

    public string? Resolution { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Working time on the resolution clock (pauses excluded) at the latest resolution.</summary>
    public TimeSpan? ResolutionTime { get; init; }

    public int TimesResolved { get; init; }

    public int ReopenCount { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public CloseReason? CloseReason { get; init; }

    public IReadOnlyList<CallbackAttempt> CallbackAttempts { get; init; } = [];

    public required SlaClock AcceptanceClock { get; init; }

    public required SlaClock ResolutionClock { get; init; }

    public int AcceptanceBreaches { get; init; }

    public int ResolutionBreaches { get; init; }

    /// <summary>Keys of the SLA events already raised (<see cref="SlaEvent.Key"/>), so a timer raises each once.</summary>
    public IReadOnlyList<string> RaisedSlaEvents { get; init; } = [];

    public TicketCategory Category => Intake.Category;

    public string RegionCode => Intake.RegionCode;

    /// <summary>The satisfaction given on the callback that reached the caller, if any.</summary>
    public int? Satisfaction => CallbackAttempts.LastOrDefault(attempt => attempt.Reached)?.Satisfaction;
}
