using System.Security.Cryptography;
using System.Text;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>How an intake's Idempotency-Key and body become the ticket's id and the fingerprint a retry must match.</summary>
public static class IntakeKey
{
    /// <summary>The ticket id a key stands for: a hash, so one key always names one ticket and keys stay unreadable.</summary>
    public static string TicketIdFor(string idempotencyKey) => Sha256Hex("hotline-intake\n" + idempotencyKey)[..32];

    public static string BodyHash(string body) => Sha256Hex(body);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
