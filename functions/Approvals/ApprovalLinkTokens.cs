using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gonghui.Functions.Approvals;

/// <summary>
/// Signs and verifies approval links. Token: <c>{keyId}.{payload}.{mac}</c>, URL-safe base64 without
/// padding; payload is compact JSON (task, approver, nonce, issued, expires in Unix seconds); mac is
/// HMAC-SHA256 over "{keyId}.{payload}" with that key. The signature is checked (in constant time)
/// before the payload is parsed, so nothing unauthenticated is ever interpreted.
/// </summary>
public sealed class ApprovalLinkTokens(ApprovalLinkKeyRing keys)
{
    public const int MaxTokenLength = 1024;
    private const int MacBytes = 32;
    private static readonly byte[] FormTokenLabel = "approval-form\n"u8.ToArray();

    public IssuedApprovalLink Issue(string taskId, string approverId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentException.ThrowIfNullOrEmpty(approverId);
        if (expiresAt <= issuedAt) throw new ArgumentException("A link must expire after it is issued.", nameof(expiresAt));
        var key = keys.ActiveKey;
        var claims = new ApprovalLinkClaims(key.Id, taskId, approverId, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            DateTimeOffset.FromUnixTimeSeconds(issuedAt.ToUnixTimeSeconds()), DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(Payload.From(claims), JsonSerializerOptions.Web));
        var signed = $"{key.Id}.{payload}";
        return new IssuedApprovalLink($"{signed}.{Base64Url.EncodeToString(Mac(key, signed))}", claims);
    }

    public ApprovalLinkVerification Verify(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return Fail(ApprovalLinkOutcome.Malformed);
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length == 0) return Fail(ApprovalLinkOutcome.Malformed);
        var key = keys.Find(parts[0]);
        if (key is null) return Fail(ApprovalLinkOutcome.UnknownKey);
        if (key.Retired) return Fail(ApprovalLinkOutcome.RetiredKey);
        if (DecodeMac(parts[2]) is not { } mac) return Fail(ApprovalLinkOutcome.Malformed);
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(key, $"{parts[0]}.{parts[1]}")))
            return Fail(ApprovalLinkOutcome.Tampered);

        var claims = ReadPayload(parts[1], key.Id);
        if (claims is null) return Fail(ApprovalLinkOutcome.Malformed);
        return now >= claims.ExpiresAt
            ? new(ApprovalLinkOutcome.Expired, claims)
            : new(ApprovalLinkOutcome.Valid, claims);
    }

    /// <summary>As <see cref="Verify(string?, DateTimeOffset)"/>, and the link must be for this task and this approver.</summary>
    public ApprovalLinkVerification Verify(string? token, DateTimeOffset now, string taskId, string approverId)
    {
        var verification = Verify(token, now);
        return verification.Claims is { } claims && (claims.TaskId != taskId || claims.ApproverId != approverId)
            ? verification with { Outcome = ApprovalLinkOutcome.WrongBinding }
            : verification;
    }

    /// <summary>
    /// The anti-forgery value the confirmation page puts in its form: derived from the link's nonce
    /// with the link's key, so only a page this server rendered for this link can post a decision.
    /// </summary>
    public string CreateFormToken(ApprovalLinkClaims claims) =>
        Base64Url.EncodeToString(FormMac(keys.Find(claims.KeyId) ?? throw new ArgumentException("Unknown key id.", nameof(claims)), claims.Nonce));

    public bool IsValidFormToken(ApprovalLinkClaims claims, string? formToken)
    {
        if (string.IsNullOrEmpty(formToken) || keys.Find(claims.KeyId) is not { Retired: false } key) return false;
        return DecodeMac(formToken) is { } presented && CryptographicOperations.FixedTimeEquals(presented, FormMac(key, claims.Nonce));
    }

    /// <summary>The 32 bytes of a base64url MAC, or null for anything else (never throws on bad text).</summary>
    private static byte[]? DecodeMac(string text) =>
        Base64Url.IsValid(text, out var length) && length == MacBytes ? Base64Url.DecodeFromChars(text) : null;

    private static byte[] Mac(ApprovalLinkKey key, string signed) => HMACSHA256.HashData(key.Secret, Encoding.ASCII.GetBytes(signed));

    private static byte[] FormMac(ApprovalLinkKey key, string nonce) =>
        HMACSHA256.HashData(key.Secret, (byte[])[.. FormTokenLabel, .. Encoding.ASCII.GetBytes(nonce)]);

    private static ApprovalLinkClaims? ReadPayload(string encoded, string keyId)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(encoded), JsonSerializerOptions.Web);
            return payload is { T: { Length: > 0 } task, A: { Length: > 0 } approver, N: { Length: > 0 } nonce }
                ? new ApprovalLinkClaims(keyId, task, approver, nonce,
                    DateTimeOffset.FromUnixTimeSeconds(payload.I), DateTimeOffset.FromUnixTimeSeconds(payload.E))
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static ApprovalLinkVerification Fail(ApprovalLinkOutcome outcome) => new(outcome, null);

    /// <summary>Short member names keep links short enough for every mail client.</summary>
    internal sealed record Payload(string T, string A, string N, long I, long E)
    {
        public static Payload From(ApprovalLinkClaims claims) =>
            new(claims.TaskId, claims.ApproverId, claims.Nonce, claims.IssuedAt.ToUnixTimeSeconds(), claims.ExpiresAt.ToUnixTimeSeconds());
    }
}
