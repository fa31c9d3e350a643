using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// The short number an operator reads out at once: the local (UTC+8) receipt date as yyMMdd, the
/// day's sequence number (at least 4 digits), and a Damm check digit, shown as "261121-0042-7".
/// The Damm digit catches every single wrong digit and every swap of two adjacent digits, the
/// usual slips when a number is read over the phone. Uniqueness is the store's: one counter row
/// per local day, incremented under its ETag, allocates the sequence; the date makes numbers from
/// different days distinct and the sequence makes numbers within a day distinct.
/// </summary>
[JsonConverter(typeof(TicketNumberJsonConverter))]
public readonly record struct TicketNumber
{
    public const int MinimumSequenceDigits = 4;

    // Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004).
    private static readonly byte[,] DammTable =
    {
        { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
        { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
        { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
        { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
        { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
        { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
        { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
        { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
        { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
        { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
    };

    public TicketNumber(DateOnly localDate, long sequence)
    {
        if (localDate.Year is < 2000 or > 2099)
        {
            throw new ArgumentOutOfRangeException(nameof(localDate), "Ticket numbers carry a two-digit year in 2000–2099.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        LocalDate = localDate;
        Sequence = sequence;
    }

    public DateOnly LocalDate { get; }

    public long Sequence { get; }

    public int CheckDigit => Damm(Digits());

    public static TicketNumber For(DateTimeOffset receivedAt, long sequence) =>
        new(ChinaStandardTime.ToLocalDate(receivedAt), sequence);

    /// <summary>"261121-0042-7".</summary>
    public override string ToString() =>
        $"{LocalDate.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{SequenceText()}-{CheckDigit}";

    /// <summary>Reads a number as typed by a person: hyphens and spaces are optional, the check digit must match.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TicketNumber number)
    {
        number = default;
        if (text is null || text.Length > 32)
        {
            return false;
        }

        var digits = new string(text.Where(c => c is not ('-' or ' ')).ToArray());
        if (digits.Length < 6 + MinimumSequenceDigits + 1 || digits.Length > 6 + 12 + 1 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(digits[..6], "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year is < 2000 or > 2099)
        {
            return false;
        }

        var sequence = long.Parse(digits[6..^1], CultureInfo.InvariantCulture);
        if (sequence < 1 || Damm(digits) != 0)
        {
            return false;
        }

        number = new TicketNumber(date, sequence);
        // A sequence with needless leading zeros ("00042" for 42) is a different spelling, not this number.
        return number.Digits() + number.CheckDigit == digits;
    }

    private string SequenceText() => Sequence.ToString(CultureInfo.InvariantCulture).PadLeft(MinimumSequenceDigits, '0');

    private string Digits() => LocalDate.ToString("yyMMdd", CultureInfo.InvariantCulture) + SequenceText();

    private static int Damm(string digits)
    {
        var interim = 0;
        foreach (var c in digits)
        {
            interim = DammTable[interim, c - '0'];
        }

        return interim;
    }
}
