using System.Globalization;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// Reads GET /api/hotline/stats?from=&amp;to=&amp;region=&amp;category=&amp;unit=&amp;groupBy= into a query,
/// or field errors with stable codes. Values are checked against the known sets (regions, units,
/// categories), so nothing from the query string reaches a storage filter unchecked.
/// </summary>
public sealed class HotlineFiguresQueryParser(RegionTable regions, RoutingTable routing)
{
    /// <summary>Ten years of day buckets is the most one query may read.</summary>
    public const int MaxPeriodDays = 3660;

    public (HotlineFiguresQuery? Query, IReadOnlyList<FieldError> Errors) Parse(
        string? from, string? to, string? region, string? category, string? unit, string? groupBy)
    {
        var errors = new List<FieldError>();
        var fromDate = ParseDate("from", from, errors);
        var toDate = ParseDate("to", to, errors);
        if (fromDate is { } f && toDate is { } t)
        {
            if (t < f)
            {
                errors.Add(new FieldError("to", "before_from"));
            }
            else if (t.DayNumber - f.DayNumber >= MaxPeriodDays)
            {
                errors.Add(new FieldError("to", "period_too_long"));
            }
        }

        if (!string.IsNullOrEmpty(region) && regions.Find(region) is null)
        {
            errors.Add(new FieldError("region", "unknown"));
        }

        if (!string.IsNullOrEmpty(unit) && routing.FindUnit(unit) is null)
        {
            errors.Add(new FieldError("unit", "unknown"));
        }

        TicketCategory? parsedCategory = null;
        if (!string.IsNullOrEmpty(category))
        {
            if (WireNames<TicketCategory>.TryParse(category, out var c))
            {
                parsedCategory = c;
            }
            else
            {
                errors.Add(new FieldError("category", "unknown"));
            }
        }

        var parsedGroupBy = FigureGroupBy.None;
        if (!string.IsNullOrEmpty(groupBy) && !WireNames<FigureGroupBy>.TryParse(groupBy, out parsedGroupBy))
        {
            errors.Add(new FieldError("groupBy", "unknown"));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new HotlineFiguresQuery(fromDate!.Value, toDate!.Value, NullIfEmpty(region), parsedCategory, NullIfEmpty(unit), parsedGroupBy), []);
    }

    private static DateOnly? ParseDate(string field, string? value, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new FieldError(field, "required"));
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new FieldError(field, "invalid"));
            return null;
        }

        return date;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
