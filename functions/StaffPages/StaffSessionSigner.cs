using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gonghui.Functions.StaffPages;

/// <summary>
/// Signs and checks session cookies and form tokens with HMAC-SHA256 under the staff pages' session key. A cookie
/// is <c>{key id}.{expiry, Unix seconds}.{session id}.{signature}</c>: readable, but nobody without the key can make
/// or alter one, and it names the API key without carrying its secret. A form token is the signature of the session
/// id, so a form posted from another session (or forged elsewhere) does not pass.
/// </summary>
public sealed class StaffSessionSigner(byte[] key)
{
    public static StaffSessionTicket NewTicket(string keyId, DateTimeOffset now) =>
        new(keyId, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), now + StaffPagesSettings.SessionLifetime);

    public string Protect(StaffSessionTicket ticket)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{ticket.KeyId}.{ticket.ExpiresAt.ToUnixTimeSeconds()}.{ticket.SessionId}");
        return payload + "." + Sign("session", payload);
    }

    /// <summary>The ticket of a cookie whose signature holds and that has not expired; null otherwise.</summary>
    public StaffSessionTicket? Unprotect(string? cookie, DateTimeOffset now)
    {
        if (cookie?.Split('.') is not [var keyId, var expires, var sessionId, var signature]) return null;
        if (!Matches(Sign("session", $"{keyId}.{expires}.{sessionId}"), signature)) return null;
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return now < expiresAt ? new StaffSessionTicket(keyId, sessionId, expiresAt) : null;
    }

    public string FormTokenFor(string sessionId) => Sign("form", sessionId);

    public bool IsFormTokenFor(string sessionId, string? token) => token is not null && Matches(FormTokenFor(sessionId), token);

    private string Sign(string purpose, string payload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "|" + payload)));

    private static bool Matches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
}
