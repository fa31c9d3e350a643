using System.Globalization;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>Objection reference numbers: "YY" + the China date + six characters an objector can read out ("YY261206-7KQ2MX").</summary>
public static class ObjectionReference
{
    // No 0/O, 1/I/L: read over the phone without confusion.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <param name="random">At least six random bytes (the caller's randomness keeps this pure).</param>
    public static string Create(DateTimeOffset at, ReadOnlySpan<byte> random)
    {
        if (random.Length < 6) throw new ArgumentException("Six random bytes expected.", nameof(random));
        Span<char> code = stackalloc char[6];
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[random[i] % Alphabet.Length];
        return string.Create(CultureInfo.InvariantCulture, $"YY{ChinaStandardTime.ToLocalDate(at):yyMMdd}-{code}");
    }
}
