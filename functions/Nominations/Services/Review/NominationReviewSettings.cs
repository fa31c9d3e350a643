using Gonghui.Functions.Approvals;
using Gonghui.Functions.Relief;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Nominations.Services.Review;

/// <summary>
/// What the review needs beyond the nominations' settings, read on first use: the approval-link keys shared with
/// relief (<c>Gonghui:Approvals:LinkKeys</c>, <c>Gonghui:Approvals:ActiveKeyId</c>), where reviewers' browsers reach
/// the app (<c>Gonghui:PublicBaseUrl</c>), where union notices go without a contact on file
/// (<c>Gonghui:Nominations:DefaultUnionEmail</c>) and, for timer tests only,
/// <c>Gonghui:Nominations:Testing:WorkingDayLength</c> (working days of that length back to back).
/// </summary>
public sealed class NominationReviewSettings(IConfiguration configuration)
{
    /// <summary>How long a review link works; every reminder carries a fresh one.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(30);

    private readonly Lazy<ApprovalLinkKeyRing> _keys = new(() =>
    {
        var keys = configuration["Gonghui:Approvals:LinkKeys"];
        var active = configuration["Gonghui:Approvals:ActiveKeyId"];
        if (string.IsNullOrWhiteSpace(keys) || string.IsNullOrWhiteSpace(active))
            throw new InvalidOperationException("Nomination review needs the settings Gonghui:Approvals:LinkKeys and Gonghui:Approvals:ActiveKeyId.");
        return ApprovalLinkKeyRing.Parse(keys, active);
    });

    private ApprovalLinkTokens? _tokens;

    /// <summary>The approval-link keys, which also sign the public notice's objection form (<c>ObjectionFormTokens</c>).</summary>
    public ApprovalLinkKeyRing LinkKeys => _keys.Value;

    public ApprovalLinkTokens Tokens => _tokens ??= new ApprovalLinkTokens(LinkKeys);

    public string PublicBaseUrl =>
        (configuration["Gonghui:PublicBaseUrl"] is { Length: > 0 } url ? url : ReliefSettings.DefaultPublicBaseUrl).TrimEnd('/');

    public string DefaultUnionEmail =>
        configuration["Gonghui:Nominations:DefaultUnionEmail"] is { Length: > 0 } email ? email : "nominations-desk@gonghui.local";

    public TimeSpan? WorkingDayLength => configuration.GetValue<TimeSpan?>("Gonghui:Nominations:Testing:WorkingDayLength");

    public string ReviewLinkUrl(string token) => PublicBaseUrl + ReviewLinkPath(token);

    /// <summary>The link's path under the host.json route prefix ("api").</summary>
    public static string ReviewLinkPath(string token) => "/api/nominations/review/" + token;
}
