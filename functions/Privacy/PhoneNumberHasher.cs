using System.Security.Cryptography;
using System.Text;

namespace Gonghui.Functions.Privacy;

/// <summary>
/// A keyed hash (HMAC-SHA256) of a phone number's normalized form, so equal numbers can be matched
/// (duplicate checks, lookups) without storing or indexing the number itself. The key comes from
/// settings; without it a hash cannot be reversed by trying every 11-digit number.
/// </summary>
public sealed class PhoneNumberHasher
{
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public PhoneNumberHasher(byte[] key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The phone hash key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>From a base64 setting value.</summary>
    public static PhoneNumberHasher FromBase64(string base64Key) => new(Convert.FromBase64String(base64Key));

    /// <summary>Lower-case hex, 64 characters: safe as a table key or filter value.</summary>
    public string Hash(PhoneNumber number) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(number.Normalized)));
}
