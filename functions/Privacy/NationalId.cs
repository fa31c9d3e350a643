using System.Globalization;
using System.Text;

namespace Gonghui.Functions.Privacy;

/// <summary>
/// Resident identity numbers (公民身份号码) per GB 11643-1999: 6-digit region code, 8-digit birth
/// date, 3-digit sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
/// </summary>
public static class NationalId
{
    public const int Length = 18;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // Province-level codes of GB/T 2260, plus 83 used on residence permits for Taiwan residents.
    private static readonly HashSet<string> ProvinceCodes =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    ];

    /// <summary>
    /// Checks a number as typed (surrounding spaces, full-width digits and a lower-case x are
    /// accepted) and gives back its canonical form. <paramref name="today"/> bounds the birth date.
    /// </summary>
    public static NationalIdCheck Validate(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text)) return NationalIdCheck.Fail(NationalIdProblem.Missing);
        var id = Normalize(text);
        if (id.Length != Length) return NationalIdCheck.Fail(NationalIdProblem.WrongLength);
        if (id.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
            return NationalIdCheck.Fail(NationalIdProblem.InvalidCharacters);
        if (!ProvinceCodes.Contains(id[..2])) return NationalIdCheck.Fail(NationalIdProblem.UnknownRegion);
        if (!DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
            return NationalIdCheck.Fail(NationalIdProblem.InvalidBirthDate);
        if (CheckCharacter(id.AsSpan(0, 17)) != id[17]) return NationalIdCheck.Fail(NationalIdProblem.WrongCheckDigit);
        return NationalIdCheck.Valid(id, birth);
    }

    /// <summary>The ISO 7064 MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17Digits)
    {
        if (first17Digits.Length != 17 || first17Digits.ContainsAnyExceptInRange('0', '9'))
            throw new ArgumentException("Seventeen ASCII digits expected.", nameof(first17Digits));
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17Digits[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// Masks a number for display, logs and e-mails: the 6-digit region code and the last 4
    /// characters stay, the birth date and the rest become '*' (110101********1234). Anything that
    /// is not 18 characters long is masked entirely, so a mistyped number never leaks either.
    /// </summary>
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var id = Normalize(text);
        return id.Length == Length
            ? string.Concat(id.AsSpan(0, 6), new string('*', 8), id.AsSpan(14, 4))
            : new string('*', id.Length);
    }

    internal static string Normalize(string text) =>
        text.Trim().Normalize(NormalizationForm.FormKC).ToUpperInvariant();
}
