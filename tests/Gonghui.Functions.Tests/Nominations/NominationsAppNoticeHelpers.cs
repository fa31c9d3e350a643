using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Validation;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>What public-notice tests do through the app: selected lists, publication, objections from the public form, the committee's mail.</summary>
public sealed partial class NominationsApp
{
    public const string CommitteeEmail = "committee@federation.test";

    /// <summary>A campaign open now with <paramref name="noticeWorkingDays"/> of notice, room for five in <see cref="County"/> and the given mix rules.</summary>
    public async Task<Campaign> CreateNoticeCampaignAsync(int noticeWorkingDays, IReadOnlyList<QuotaMixRule> mixRules)
    {
        var now = DateTimeOffset.UtcNow;
        var campaign = NominationSamples.Campaign("n-" + Guid.NewGuid().ToString("N")[..12]) with
        {
            Window = new NominationWindow(now.AddDays(-1), now.AddDays(30)),
            Quotas = [new RegionQuota(ReviewLevel.Province, "370000", 10), new RegionQuota(ReviewLevel.City, "370100", 5), new RegionQuota(ReviewLevel.County, County, 5)],
            MixRules = mixRules,
            NoticeWorkingDays = noticeWorkingDays,
        };
        using var admin = Admin();
        using var created = await admin.PostAsJsonAsync("api/nominations/campaigns", campaign, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return campaign;
    }

    /// <summary>Nominates person <paramref name="sequence"/> in <paramref name="category"/> and approves it at every level by the mailed links.</summary>
    public async Task<string> NominateSelectedAsync(HttpClient nominator, string campaignId, int sequence, string category = "industrial_worker")
    {
        var content = await CompleteAsync(nominator, sequence);
        var id = await CreateDraftAsync(nominator, campaignId, content with { Nominee = content.Nominee! with { OccupationCategory = category } });
        using (var submitted = await SubmitAsync(nominator, campaignId, id))
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        foreach (var level in new[] { ReviewLevel.County, ReviewLevel.City, ReviewLevel.Province })
        {
            var token = TokenIn(await WaitForReviewMailAsync(id, level));
            await WaitForNominationAsync(nominator, campaignId, id, n => IsAt(n, "in_review", WireNames<ReviewLevel>.Of(level)));
            using var approved = await DecideAsync(token, "approve", "同意");
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }
        await WaitForNominationAsync(nominator, campaignId, id, n => IsAt(n, "selected"));
        return id;
    }

    public async Task<HttpResponseMessage> PublishAsync(string campaignId)
    {
        using var admin = Admin();
        return await admin.PostAsJsonAsync($"api/nominations/campaigns/{campaignId}/notice", new { committeeName = "省总工会评选表彰工作委员会", committeeEmail = CommitteeEmail });
    }

    /// <summary>
    /// Opens the public page and posts its objection form as a browser on that page would, from <paramref name="address"/>;
    /// with <paramref name="formToken"/>, posts that token (from a page opened earlier, or none at all when empty) instead.
    /// </summary>
    public async Task<HttpResponseMessage> ObjectAsync(string campaignId, string nominationId, string name, string contact, string text, string address,
        string? formToken = null)
    {
        using var client = Client(null);
        formToken ??= FormTokenIn(await client.GetStringAsync($"api/notice/{campaignId}"));
        var fields = new Dictionary<string, string> { ["nominationId"] = nominationId, ["name"] = name, ["contact"] = contact, ["text"] = text };
        if (formToken.Length > 0) fields["formToken"] = formToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/notice/{campaignId}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", App.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.Add(NoticeClientAddressHeader, address);
        return await client.SendAsync(request);
    }

    public static string ReferenceIn(string html) => ReferencePattern().Match(html).Value;

    public async Task<MaildevEmail> WaitForCommitteeMailAsync(string campaignId, TimeSpan timeout)
    {
        try
        {
            return await Maildev.WaitForEmailAsync(e => e.Subject?.Contains(campaignId, StringComparison.Ordinal) == true
                && e.To?.Any(t => t.Address == CommitteeEmail) == true, timeout);
        }
        catch (TimeoutException e)
        {
            var seen = string.Join("\n", (await Maildev.GetEmailsAsync()).Select(m => $"{m.Subject} → {string.Join(",", m.To?.Select(t => t.Address) ?? [])}"));
            throw new TimeoutException($"No committee mail for {campaignId}; seen:\n{seen}", e);
        }
    }

    public static string FinalApprovalTokenIn(MaildevEmail email) => FinalLinkPattern().Match(email.Text ?? "").Groups["token"].Value;

    /// <summary>An 18-character national ID, a yyyy-MM-dd date or a mainland mobile number anywhere in <paramref name="html"/>.</summary>
    public static IReadOnlyList<string> PersonalDataIn(string html) => [.. PersonalDataPattern().Matches(html).Select(m => m.Value)];

    [GeneratedRegex(@"YY\d{6}-[2-9A-Z]{6}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"/api/nominations/final-approval/(?<token>[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex FinalLinkPattern();

    [GeneratedRegex(@"(?<!\d)(\d{17}[\dXx]|(19|20)\d{2}-\d{2}-\d{2}|1[3-9]\d{9})(?!\d)")]
    private static partial Regex PersonalDataPattern();
}
