using System.Globalization;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>Sums the buckets a query covers into figures, in total and by group.</summary>
public sealed class HotlineFiguresCalculator(RegionTable regions)
{
    public HotlineFiguresReport Summarize(IEnumerable<KeyValuePair<FigureBucketKey, FigureCounters>> buckets, HotlineFiguresQuery query)
    {
        var plan = query.Plan();
        var total = default(FigureCounters);
        var groups = new SortedDictionary<string, FigureCounters>(StringComparer.Ordinal);
        foreach (var (key, counters) in buckets)
        {
            if (!plan.Any(range => range.Contains(key)) || !Matches(key, query))
            {
                continue;
            }

            total += counters;
            if (GroupKey(key, query.GroupBy) is { } group)
            {
                groups[group] = groups.GetValueOrDefault(group) + counters;
            }
        }

        return new HotlineFiguresReport(
            HotlineFigures.From(total),
            groups.Select(pair => new HotlineFiguresGroup(pair.Key, HotlineFigures.From(pair.Value))).ToList());
    }

    private bool Matches(FigureBucketKey key, HotlineFiguresQuery query) =>
        (query.Category is null || key.Category == query.Category)
        && (query.UnitId is null || key.UnitId == query.UnitId)
        && (query.RegionCode is null || regions.SelfAndAncestors(key.RegionCode).Any(region => region.Code == query.RegionCode));

    private static string? GroupKey(FigureBucketKey key, FigureGroupBy groupBy) => groupBy switch
    {
        FigureGroupBy.None => null,
        FigureGroupBy.Region => key.RegionCode,
        FigureGroupBy.Category => WireNames<TicketCategory>.Of(key.Category),
        FigureGroupBy.Unit => key.UnitId,
        FigureGroupBy.Day => key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        FigureGroupBy.Month => key.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, null),
    };
}
