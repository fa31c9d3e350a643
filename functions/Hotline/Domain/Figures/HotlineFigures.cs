namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// The figures DOMAIN.md defines, from summed counters. Closure rate: resolved or closed among
/// tickets whose resolution was due in the period; on-time closure rate: of those, resolved within
/// the target; averages in working time; satisfaction: 4 or 5 among reached callbacks; reopen rate:
/// reopened among tickets resolved at least once; breaches: acceptance plus resolution breaches.
/// </summary>
public sealed record HotlineFigures(
    long Received,
    Rate ClosureRate,
    Rate OnTimeClosureRate,
    TimeSpan? AverageFirstResponse,
    TimeSpan? AverageResolution,
    Rate SatisfactionRate,
    Rate ReopenRate,
    long Breaches,
    FigureCounters Counters)
{
    public static HotlineFigures From(FigureCounters c) => new(
        c.Received,
        new Rate(c.ClosedAmongDue, c.ResolutionDue),
        new Rate(c.OnTimeAmongDue, c.ResolutionDue),
        Average(c.FirstResponseTicks, c.FirstResponses),
        Average(c.ResolutionTicks, c.Resolutions),
        new Rate(c.Satisfied, c.CallbacksReached),
        new Rate(c.TicketsReopened, c.TicketsResolved),
        c.AcceptanceBreaches + c.ResolutionBreaches,
        c);

    private static TimeSpan? Average(long ticks, long count) => count == 0 ? null : TimeSpan.FromTicks(ticks / count);
}
