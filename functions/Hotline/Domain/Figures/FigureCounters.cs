namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// Additive counters, so buckets can be summed and a ticket's change applied as (new − old).
/// Counters of a ticket's receipt day and of its resolution due day land in different buckets:
/// "received" figures are by receipt, the closure rates by the day resolution was due.
/// Durations are in ticks of working time, so sums are exact.
/// </summary>
public readonly record struct FigureCounters
{
    public long Received { get; init; }

    /// <summary>Tickets whose resolution was due in the bucket (the closure-rate denominator).</summary>
    public long ResolutionDue { get; init; }

    public long ClosedAmongDue { get; init; }

    public long OnTimeAmongDue { get; init; }

    public long FirstResponses { get; init; }

    public long FirstResponseTicks { get; init; }

    public long Resolutions { get; init; }

    public long ResolutionTicks { get; init; }

    public long CallbacksReached { get; init; }

    public long Satisfied { get; init; }

    public long TicketsResolved { get; init; }

    public long TicketsReopened { get; init; }

    public long AcceptanceBreaches { get; init; }

    public long ResolutionBreaches { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsZero => this == default;

    public static FigureCounters operator +(FigureCounters a, FigureCounters b) => Combine(a, b, 1);

    public static FigureCounters operator -(FigureCounters a, FigureCounters b) => Combine(a, b, -1);

    private static FigureCounters Combine(FigureCounters a, FigureCounters b, int sign) => new()
    {
        Received = a.Received + (sign * b.Received),
        ResolutionDue = a.ResolutionDue + (sign * b.ResolutionDue),
        ClosedAmongDue = a.ClosedAmongDue + (sign * b.ClosedAmongDue),
        OnTimeAmongDue = a.OnTimeAmongDue + (sign * b.OnTimeAmongDue),
        FirstResponses = a.FirstResponses + (sign * b.FirstResponses),
        FirstResponseTicks = a.FirstResponseTicks + (sign * b.FirstResponseTicks),
        Resolutions = a.Resolutions + (sign * b.Resolutions),
        ResolutionTicks = a.ResolutionTicks + (sign * b.ResolutionTicks),
        CallbacksReached = a.CallbacksReached + (sign * b.CallbacksReached),
        Satisfied = a.Satisfied + (sign * b.Satisfied),
        TicketsResolved = a.TicketsResolved + (sign * b.TicketsResolved),
        TicketsReopened = a.TicketsReopened + (sign * b.TicketsReopened),
        AcceptanceBreaches = a.AcceptanceBreaches + (sign * b.AcceptanceBreaches),
        ResolutionBreaches = a.ResolutionBreaches + (sign * b.ResolutionBreaches),
    };
}
