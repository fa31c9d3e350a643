using System.Text;

namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// Where a page ended: the last result's region and its key in the name order. Clients get it as an opaque token
/// (base64url), and a token made before records changed still continues in order.
/// </summary>
public sealed record SearchPosition(string Region, string Key)
{
    private const char Separator = '\n';

    public string ToToken() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Region + Separator + Key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParse(string? token, out SearchPosition? position)
    {
        position = null;
        if (string.IsNullOrEmpty(token) || token.Length > 400) return false;
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length)) return false;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var parts = text.Split(Separator);
        if (parts.Length != 2 || !RegionCode.IsValid(parts[0]) || parts[1].Length == 0 || parts[1].Any(char.IsControl)) return false;
        position = new SearchPosition(parts[0], parts[1]);
        return true;
    }
}
