using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Hotline.Functions;

/// <summary>
/// Reads GET /api/tickets's query string. Every value is checked against what it can be (a known status, region,
/// category or unit; a yyyy-MM-dd date; true/false; a page size 1–200; a token this app issued), so nothing
/// unchecked reaches a storage filter: "' or 1 eq 1" is an unknown value, a 400.
/// </summary>
internal static class TicketListQueryParser
{
    private static readonly string[] Known = ["status", "region", "category", "unit", "from", "to", "overdue", "pageSize", "continuationToken"];

    public static (TicketListQuery? Query, IReadOnlyList<FieldError> Errors) Parse(IQueryCollection values, HotlineReference data)
    {
        var errors = new List<FieldError>();
        foreach (var name in values.Keys.Where(name => !Known.Contains(name, StringComparer.Ordinal)))
        {
            errors.Add(new FieldError(name, "unknown_parameter"));
        }

        foreach (var name in values.Keys.Where(name => values[name].Count > 1))
        {
            errors.Add(new FieldError(name, "repeated"));
        }

        string? Value(string name) => values.TryGetValue(name, out var value) && value.Count == 1 && value[0] is { Length: > 0 } text ? text : null;

        TicketStatus? status = null;
        if (Value("status") is { } statusText)
        {
            if (WireNames<TicketStatus>.TryParse(statusText, out var parsed)) status = parsed;
            else errors.Add(new FieldError("status", "unknown"));
        }

        var region = Value("region");
        if (region is not null && data.Regions.Find(region) is null)
        {
            errors.Add(new FieldError("region", "unknown"));
        }

        TicketCategory? category = null;
        if (Value("category") is { } categoryText)
        {
            if (WireNames<TicketCategory>.TryParse(categoryText, out var parsed)) category = parsed;
            else errors.Add(new FieldError("category", "unknown"));
        }

        var unit = Value("unit");
        if (unit is not null && data.Routing.FindUnit(unit) is null)
        {
            errors.Add(new FieldError("unit", "unknown"));
        }

        var from = Date("from", Value("from"), errors);
        var to = Date("to", Value("to"), errors);
        if (from > to)
        {
            errors.Add(new FieldError("to", "before_from"));
        }

        bool? overdue = null;
        if (Value("overdue") is { } overdueText)
        {
            if (overdueText is "true" or "false") overdue = overdueText == "true";
            else errors.Add(new FieldError("overdue", "invalid"));
        }

        var pageSize = 50;
        if (Value("pageSize") is { } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > TicketIndexStore.MaxPageSize))
        {
            errors.Add(new FieldError("pageSize", "out_of_range"));
        }

        string? token = null;
        if (Value("continuationToken") is { } tokenText && DecodeToken(tokenText) is not { } decoded)
        {
            errors.Add(new FieldError("continuationToken", "invalid"));
        }
        else if (Value("continuationToken") is { } valid)
        {
            token = DecodeToken(valid);
        }

        return errors.Count > 0
            ? (null, errors)
            : (new TicketListQuery(status, region, category, unit, from, to, overdue, pageSize, token), []);
    }

    public static string? EncodeToken(string? token) =>
        token is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes("t2:" + token));

    private static string? DecodeToken(string text)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            return decoded.StartsWith("t2:", StringComparison.Ordinal) && decoded.Length < 1024 ? decoded[3..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static DateOnly? Date(string field, string? value, List<FieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(field, "invalid"));
        return null;
    }
}
