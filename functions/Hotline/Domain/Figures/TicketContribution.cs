using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// What a ticket snapshot adds to the figure buckets, at both granularities. A pure function of the
/// snapshot: when a ticket changes, a store applies <see cref="Delta"/> (new − old) to the buckets.
/// Merged duplicates count as received and nothing else (their original carries the work).
/// </summary>
public static class TicketContribution
{
    public static IReadOnlyDictionary<FigureBucketKey, FigureCounters> Of(Ticket ticket)
    {
        var buckets = new Dictionary<FigureBucketKey, FigureCounters>();
        var merged = ticket.MergedInto is not null;
        var received = merged
            ? new FigureCounters { Received = 1 }
            : new FigureCounters
            {
                Received = 1,
                FirstResponses = ticket.FirstResponseTime is null ? 0 : 1,
                FirstResponseTicks = ticket.FirstResponseTime?.Ticks ?? 0,
                Resolutions = ticket.ResolutionTime is null ? 0 : 1,
                ResolutionTicks = ticket.ResolutionTime?.Ticks ?? 0,
                CallbacksReached = ticket.Satisfaction is null ? 0 : 1,
                Satisfied = ticket.Satisfaction >= 4 ? 1 : 0,
                TicketsResolved = ticket.TimesResolved > 0 ? 1 : 0,
                TicketsReopened = ticket.ReopenCount > 0 ? 1 : 0,
                AcceptanceBreaches = ticket.AcceptanceBreaches,
                ResolutionBreaches = ticket.ResolutionBreaches,
            };
        Add(buckets, ChinaStandardTime.ToLocalDate(ticket.ReceivedAt), ticket, received);

        if (!merged && ticket.ResolutionClock.DueAt is { } dueAt)
        {
            var closed = ticket.Status is TicketStatus.Resolved or TicketStatus.Closed;
            Add(buckets, ChinaStandardTime.ToLocalDate(dueAt), ticket, new FigureCounters
            {
                ResolutionDue = 1,
                ClosedAmongDue = closed ? 1 : 0,
                OnTimeAmongDue = closed && ticket.ResolutionClock.WasMet ? 1 : 0,
            });
        }

        return buckets;
    }

    /// <summary>The change to apply to each bucket when a ticket goes from <paramref name="before"/> (null: new) to <paramref name="after"/>.</summary>
    public static IReadOnlyDictionary<FigureBucketKey, FigureCounters> Delta(Ticket? before, Ticket after)
    {
        var delta = Of(after).ToDictionary();
        if (before is not null)
        {
            foreach (var (key, counters) in Of(before))
            {
                delta[key] = delta.GetValueOrDefault(key) - counters;
            }
        }

        return delta.Where(pair => !pair.Value.IsZero).ToDictionary();
    }

    private static void Add(Dictionary<FigureBucketKey, FigureCounters> buckets, DateOnly day, Ticket ticket, FigureCounters counters)
    {
        foreach (var granularity in Enum.GetValues<FigureGranularity>())
        {
            var key = FigureBucketKey.For(granularity, day, ticket);
            buckets[key] = buckets.GetValueOrDefault(key) + counters;
        }
    }
}
