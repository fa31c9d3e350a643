using System.Security.Cryptography;
using System.Text;

namespace Gonghui.Functions.Privacy;

/// <summary>
/// Keyed hash (HMAC-SHA256) of a canonical national ID, for duplicate checks and lookups
/// ("another open application of the same person") without storing the number in a key or index.
/// </summary>
public sealed class NationalIdHasher
{
    private readonly byte[] _key;

    public NationalIdHasher(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The national ID hash key needs at least 32 bytes.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>Lower-case hex; equal for every way the same number can be typed.</summary>
    public string Hash(string nationalId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(NationalId.Normalize(nationalId))));
}
