using System.Globalization;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Tests.Hotline;

/// <summary>
/// The reference: figures computed straight from ticket snapshots by DOMAIN.md's definitions,
/// without buckets, to check the bucketed figures against.
/// </summary>
internal static class DirectFigures
{
    public static HotlineFiguresReport Compute(IReadOnlyList<Ticket> tickets, HotlineFiguresQuery query, RegionTable regions)
    {
        var scoped = tickets.Where(ticket =>
                (query.Category is null || ticket.Category == query.Category)
                && (query.UnitId is null || (ticket.UnitId ?? "") == query.UnitId)
                && (query.RegionCode is null || regions.SelfAndAncestors(ticket.RegionCode).Any(region => region.Code == query.RegionCode)))
            .ToList();
        var total = Counters(scoped, query.From, query.To);
        var groups = query.GroupBy == FigureGroupBy.None
            ? []
            : GroupKeys(scoped, query)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .Select(key => new HotlineFiguresGroup(key, HotlineFigures.From(GroupCounters(scoped, query, key))))
                .Where(group => group.Figures.Counters != default)
                .ToList();
        return new HotlineFiguresReport(HotlineFigures.From(total), groups);
    }

    private static FigureCounters Counters(IEnumerable<Ticket> tickets, DateOnly from, DateOnly to, Func<Ticket, DateOnly, bool>? inGroup = null)
    {
        inGroup ??= (_, _) => true;
        var list = tickets.ToList();
        var received = list.Where(t => Within(ReceiptDay(t), from, to) && inGroup(t, ReceiptDay(t))).ToList();
        var working = received.Where(t => t.MergedInto is null).ToList();
        var due = list.Where(t => t.MergedInto is null && DueDay(t) is { } day && Within(day, from, to) && inGroup(t, day)).ToList();
        var closedDue = due.Where(t => t.Status is TicketStatus.Resolved or TicketStatus.Closed).ToList();
        return new FigureCounters
        {
            Received = received.Count,
            ResolutionDue = due.Count,
            ClosedAmongDue = closedDue.Count,
            OnTimeAmongDue = closedDue.Count(t => t.ResolutionClock.StoppedAt is not null && t.ResolutionClock.Elapsed <= t.ResolutionClock.Target),
            FirstResponses = working.Count(t => t.FirstResponseTime is not null),
            FirstResponseTicks = working.Sum(t => t.FirstResponseTime?.Ticks ?? 0),
            Resolutions = working.Count(t => t.ResolutionTime is not null),
            ResolutionTicks = working.Sum(t => t.ResolutionTime?.Ticks ?? 0),
            CallbacksReached = working.Count(t => t.CallbackAttempts.Any(a => a.Reached)),
            Satisfied = working.Count(t => t.CallbackAttempts.LastOrDefault(a => a.Reached)?.Satisfaction is 4 or 5),
            TicketsResolved = working.Count(t => t.TimesResolved > 0),
            TicketsReopened = working.Count(t => t.ReopenCount > 0),
            AcceptanceBreaches = working.Sum(t => (long)t.AcceptanceBreaches),
            ResolutionBreaches = working.Sum(t => (long)t.ResolutionBreaches),
        };
    }

    private static FigureCounters GroupCounters(IEnumerable<Ticket> tickets, HotlineFiguresQuery query, string key) =>
        Counters(tickets, query.From, query.To, (ticket, day) => Key(ticket, day, query.GroupBy) == key);

    private static IEnumerable<string> GroupKeys(IEnumerable<Ticket> tickets, HotlineFiguresQuery query) =>
        tickets.SelectMany(t => new[] { ReceiptDay(t), DueDay(t) ?? ReceiptDay(t) }.Select(day => Key(t, day, query.GroupBy)));

    private static string Key(Ticket ticket, DateOnly day, FigureGroupBy groupBy) => groupBy switch
    {
        FigureGroupBy.Region => ticket.RegionCode,
        FigureGroupBy.Category => WireNames<TicketCategory>.Of(ticket.Category),
        FigureGroupBy.Unit => ticket.UnitId ?? "",
        FigureGroupBy.Day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        FigureGroupBy.Month => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => "",
    };

    private static DateOnly ReceiptDay(Ticket ticket) => ChinaStandardTime.ToLocalDate(ticket.ReceivedAt);

    private static DateOnly? DueDay(Ticket ticket) =>
        ticket.ResolutionClock.DueAt is { } due ? ChinaStandardTime.ToLocalDate(due) : null;

    private static bool Within(DateOnly day, DateOnly from, DateOnly to) => day >= from && day <= to;
}
