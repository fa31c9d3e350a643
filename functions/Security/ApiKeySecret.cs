using System.Security.Cryptography;
using System.Text;

namespace Gonghui.Functions.Security;

/// <summary>
/// Secrets are 32 random bytes (256 bits), stored only as their SHA-256. A slow password hash (PBKDF2, Argon2) exists
/// to make guessing low-entropy human passwords expensive; guessing a 256-bit random secret from its hash is
/// infeasible at any speed, so a fast hash loses nothing and lets every request look its key up by hash in one read.
/// </summary>
public static class ApiKeySecret
{
    public static string Generate() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewKeyId() => "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
