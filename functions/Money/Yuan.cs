using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Gonghui.Functions.Money;

/// <summary>
/// A non-negative amount of renminbi held as whole fen (0.01 yuan), so arithmetic is exact.
/// Text form is invariant "1234.50"; amounts that would go below zero are refused, not wrapped.
/// </summary>
[JsonConverter(typeof(YuanJsonConverter))]
public readonly record struct Yuan : IComparable<Yuan>
{
    /// <summary>Upper bound that keeps every sum of realistic amounts far from overflow (10^13 yuan).</summary>
    public const long MaxFen = 1_000_000_000_000_000;

    private Yuan(long fen) => Fen = fen;

    public long Fen { get; }

    public static Yuan Zero => default;

    public static Yuan FromFen(long fen) =>
        fen is < 0 or > MaxFen
            ? throw new ArgumentOutOfRangeException(nameof(fen), fen, "An amount is between 0 and 10^13 yuan.")
            : new Yuan(fen);

    public static Yuan FromWholeYuan(long yuan) => FromFen(checked(yuan * 100));

    /// <summary>
    /// Parses "1234", "1234.5" or "1234.50" (ASCII digits, at most two decimals, no sign, no grouping).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Yuan amount)
    {
        amount = Zero;
        if (string.IsNullOrEmpty(text)) return false;
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length is 0 or > 13 || (dot >= 0 && fraction.Length is 0 or > 2)) return false;
        if (!whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)) return false;
        var fen = long.Parse(whole, CultureInfo.InvariantCulture) * 100
            + (fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
        if (fen > MaxFen) return false;
        amount = new Yuan(fen);
        return true;
    }

    public static Yuan Parse(string text) =>
        TryParse(text, out var amount) ? amount : throw new FormatException("Not an amount in yuan such as 1234.50.");

    /// <summary>Invariant "1234.50": the wire, CSV and storage form.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Fen / 100}.{Fen % 100:00}");

    /// <summary>"1,234.50 元": the form shown to people.</summary>
    public string ToDisplayString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Fen / 100:#,0}.{Fen % 100:00} 元");

    public static Yuan operator +(Yuan left, Yuan right) => FromFen(checked(left.Fen + right.Fen));

    /// <summary>Throws when the result would be negative; callers compare first.</summary>
    public static Yuan operator -(Yuan left, Yuan right) =>
        left.Fen >= right.Fen
            ? new Yuan(left.Fen - right.Fen)
            : throw new InvalidOperationException($"{left} minus {right} would go below zero.");

    /// <summary>The amount times a whole-number percentage, rounded down to the fen.</summary>
    public Yuan TimesPercent(int percent) =>
        percent < 0
            ? throw new ArgumentOutOfRangeException(nameof(percent))
            : FromFen(checked(Fen * percent) / 100);

    public int CompareTo(Yuan other) => Fen.CompareTo(other.Fen);

    public static bool operator <(Yuan left, Yuan right) => left.Fen < right.Fen;
    public static bool operator >(Yuan left, Yuan right) => left.Fen > right.Fen;
    public static bool operator <=(Yuan left, Yuan right) => left.Fen <= right.Fen;
    public static bool operator >=(Yuan left, Yuan right) => left.Fen >= right.Fen;
}
