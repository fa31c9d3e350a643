using System.Globalization;

namespace Gonghui.Functions.Registry.Domain;

/// <summary>Dates as staff type them and spreadsheets save them: 1975-03-08, 1975/3/8, 19750308.</summary>
public static class DateInput
{
    private static readonly string[] Formats = ["yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d"];

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
