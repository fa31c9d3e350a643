using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Gonghui.Functions.Privacy;

/// <summary>
/// A mainland China phone number: a mobile number 1[3-9]xxxxxxxxx, or a landline with its area code
/// (010 or 02x followed by 8 digits; 0[3-9]xx followed by 7 or 8 digits; subscriber numbers never
/// start with 0 or 1). Spaces, hyphens, dots and brackets are ignored, and a +86 / 0086 prefix is
/// dropped. <see cref="Normalized"/> is the canonical form ("13812345678", "0755-12345678").
/// </summary>
[JsonConverter(typeof(PhoneNumberJsonConverter))]
public readonly partial record struct PhoneNumber
{
    private PhoneNumber(PhoneNumberKind kind, string? areaCode, string subscriber)
    {
        Kind = kind;
        AreaCode = areaCode;
        Subscriber = subscriber;
    }

    public PhoneNumberKind Kind { get; }

    /// <summary>The area code with its leading 0, for landlines; null for mobiles.</summary>
    public string? AreaCode { get; }

    /// <summary>The 11-digit mobile number, or the landline number without its area code.</summary>
    public string Subscriber { get; }

    public string Normalized => AreaCode is null ? Subscriber : $"{AreaCode}-{Subscriber}";

    /// <summary>For display and logs: 138****5678, or the area code and last four digits of a landline (0755-****5678).</summary>
    public string Masked => AreaCode is null
        ? $"{Subscriber[..3]}****{Subscriber[^4..]}"
        : $"{AreaCode}-{new string('*', Subscriber.Length - 4)}{Subscriber[^4..]}";

    public override string ToString() => Masked;

    /// <summary>A stored number as shown to people: masked when it parses, every character a '*' when it does not.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Mask(string? text) => text is null ? null : TryParse(text, out var number) ? number.Masked : new string('*', text.Length);

    public static bool TryParse([NotNullWhen(true)] string? text, out PhoneNumber number)
    {
        number = default;
        if (text is null || text.Length > 32)
        {
            return false;
        }

        var digits = StripSeparators(text);
        if (digits is null)
        {
            return false;
        }

        var prefix = digits.StartsWith("0086", StringComparison.Ordinal) ? 4 : digits.StartsWith("+86", StringComparison.Ordinal) ? 3 : 0;
        if (prefix > 0)
        {
            digits = digits[prefix..];
            // Dialled from abroad, a landline drops its area code's leading 0 (+86 755 ...).
            if (digits.Length > 0 && digits[0] is >= '2' and <= '9')
            {
                digits = "0" + digits;
            }
        }

        if (MobilePattern().IsMatch(digits))
        {
            number = new PhoneNumber(PhoneNumberKind.Mobile, null, digits);
            return true;
        }

        var landline = LandlinePattern().Match(digits);
        if (landline.Success)
        {
            number = new PhoneNumber(PhoneNumberKind.Landline, landline.Groups["area"].Value, landline.Groups["subscriber"].Value);
            return true;
        }

        return false;
    }

    public static PhoneNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException("Not a mainland China phone number.");

    private static string? StripSeparators(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (c is ' ' or '-' or '.' or '(' or ')')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) && !(c == '+' && builder.Length == 0))
            {
                return null;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^(?:(?<area>010|02[0-9])(?<subscriber>[2-9][0-9]{7})|(?<area>0[3-9][0-9]{2})(?<subscriber>[2-9][0-9]{6,7}))$")]
    private static partial Regex LandlinePattern();
}
