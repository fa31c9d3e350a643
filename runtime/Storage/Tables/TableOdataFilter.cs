using System.Globalization;
using System.Text;

namespace Gonghui.Storage.Tables;

/// <summary>
/// Builds OData filter strings from interpolated strings, escaping every interpolated value for its type,
/// so user input can never change the shape of a filter: <c>TableOdataFilter.Create($"Name eq {name}")</c>.
/// </summary>
public static class TableOdataFilter
{
    public static string Create(FormattableString filter)
    {
        var arguments = filter.GetArguments().Select(FormatValue).ToArray();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        DateTimeOffset dto => "datetime'" + TableEntityJson.FormatDateTime(dto) + "'",
        DateTime dt => "datetime'" + TableEntityJson.FormatDateTime(TableEntityJson.AsUtc(dt)) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexString(bytes).ToLowerInvariant() + "'",
        BinaryData data => "X'" + Convert.ToHexString(data.ToMemory().Span).ToLowerInvariant() + "'",
        Enum e => "'" + e.ToString() + "'",
        _ => throw new NotSupportedException($"A filter value of type {value.GetType().Name} is not supported."),
    };

    /// <summary>
    /// A double literal that stays a double: a whole number gets ".0" (a bare "2" would be an Int32 literal);
    /// the non-finite values use OData's NaN, INF and -INF.
    /// </summary>
    private static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "INF" : "-INF";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }

    /// <summary>Joins filter clauses with 'and', skipping empty ones; returns null when none are left.</summary>
    public static string? And(params IEnumerable<string?> clauses)
    {
        var builder = new StringBuilder();
        foreach (var clause in clauses.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (builder.Length > 0)
                builder.Append(" and ");
            builder.Append('(').Append(clause).Append(')');
        }
        return builder.Length == 0 ? null : builder.ToString();
    }
}
