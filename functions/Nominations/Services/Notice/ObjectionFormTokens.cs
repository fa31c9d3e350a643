using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Nominations.Services.Review;

namespace Gonghui.Functions.Nominations.Services.Notice;

public enum ObjectionFormTokenCheck
{
    Valid = 1,

    /// <summary>Genuine, but older than <see cref="ObjectionFormTokens.Lifetime"/> or signed with a key since retired.</summary>
    Expired,

    /// <summary>Missing, malformed, forged or for another campaign.</summary>
    Invalid,
}

/// <summary>
/// The anti-forgery token the public notice's objection form carries: <c>{key id}.{issued, Unix seconds}.{mac}</c>,
/// the mac HMAC-SHA256 under an approval-link key over the campaign and the issue time. It is issued at the start of
/// each <see cref="Step"/>, not per reader, so that every instance renders the same page (and ETag) within a step and
/// the page can be kept and revalidated; a page therefore holds a token valid for at least
/// <see cref="Lifetime"/> − <see cref="Step"/> after it was served.
/// </summary>
public sealed class ObjectionFormTokens(NominationReviewSettings settings)
{
    public const string Field = "formToken";

    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const int MaxTokenLength = 128;

    /// <summary>When a page served at <paramref name="now"/> has its token issued: the start of the step.</summary>
    public static DateTimeOffset IssueTime(DateTimeOffset now) =>
        DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / (long)Step.TotalSeconds * (long)Step.TotalSeconds);

    public string Issue(string campaignId, DateTimeOffset now)
    {
        var key = settings.LinkKeys.ActiveKey;
        var issued = IssueTime(now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{key.Id}.{issued}.{Mac(key, campaignId, issued)}";
    }

    public ObjectionFormTokenCheck Check(string campaignId, string? token, DateTimeOffset now)
    {
        if (token is not { Length: > 0 and <= MaxTokenLength } || token.Split('.') is not [var keyId, var issued, var mac]
            || settings.LinkKeys.Find(keyId) is not { } key
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(key, campaignId, issued)), Encoding.ASCII.GetBytes(mac))
            || !long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return ObjectionFormTokenCheck.Invalid;
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        // Another instance's clock may run a little ahead: a token from up to one step later is still genuine.
        if (issuedAt > now + Step) return ObjectionFormTokenCheck.Invalid;
        return key.Retired || now >= issuedAt + Lifetime ? ObjectionFormTokenCheck.Expired : ObjectionFormTokenCheck.Valid;
    }

    private static string Mac(ApprovalLinkKey key, string campaignId, string issued) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key.Secret, Encoding.UTF8.GetBytes($"notice-objection\n{key.Id}\n{campaignId}\n{issued}")));
}
