namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// A figures request: local dates From..To inclusive, optional region (a region includes its
/// sub-regions), category and unit, and a grouping.
/// </summary>
public sealed record HotlineFiguresQuery(
    DateOnly From,
    DateOnly To,
    string? RegionCode = null,
    TicketCategory? Category = null,
    string? UnitId = null,
    FigureGroupBy GroupBy = FigureGroupBy.None)
{
    /// <summary>
    /// The bucket ranges that cover the period exactly once: month buckets for whole months, day
    /// buckets for the partial months at either end (all days when grouping by day). A store reads
    /// only these ranges.
    /// </summary>
    public IReadOnlyList<FigureRange> Plan()
    {
        if (To < From)
        {
            return [];
        }

        if (GroupBy == FigureGroupBy.Day)
        {
            return [new FigureRange(FigureGranularity.Day, From, To)];
        }

        var ranges = new List<FigureRange>();
        var cursor = From;
        while (cursor <= To)
        {
            var monthStart = new DateOnly(cursor.Year, cursor.Month, 1);
            var monthEnd = monthStart.AddMonths(1).AddDays(-1);
            if (cursor == monthStart && monthEnd <= To)
            {
                var last = monthStart;
                while (last.AddMonths(1).AddMonths(1).AddDays(-1) <= To)
                {
                    last = last.AddMonths(1);
                }

                ranges.Add(new FigureRange(FigureGranularity.Month, monthStart, last));
                cursor = last.AddMonths(1);
            }
            else
            {
                var end = monthEnd < To ? monthEnd : To;
                ranges.Add(new FigureRange(FigureGranularity.Day, cursor, end));
                cursor = end.AddDays(1);
            }
        }

        return ranges;
    }
}
