using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gonghui.Functions.Nominations.Services.Notice;
using Gonghui.Functions.Tests.Relief.Functions;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>
/// The objection form's anti-forgery token: a POST without it, with a forged one or with another campaign's is refused
/// with a friendly page and nothing stored; an expired one gets the form back with what was typed and a fresh token.
/// </summary>
[Collection(NominationsAppCollection.Name)]
public sealed class PublicNoticeFormTokenTests(NominationsApp app)
{
    [Fact]
    public async Task Objections_without_a_genuine_current_form_token_are_refused_and_nothing_is_stored()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateNoticeCampaignAsync(noticeWorkingDays: 30, []);
        var other = await app.CreateNoticeCampaignAsync(noticeWorkingDays: 30, []);
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var id = await app.NominateSelectedAsync(nominator, campaign.CampaignId, 341);
        await app.NominateSelectedAsync(nominator, other.CampaignId, 342);
        (await app.PublishAsync(campaign.CampaignId)).Dispose();
        (await app.PublishAsync(other.CampaignId)).Dispose();
        using var anonymous = app.Client(null);
        var genuine = NominationsApp.FormTokenIn(await anonymous.GetStringAsync($"api/notice/{campaign.CampaignId}"));
        var othersToken = NominationsApp.FormTokenIn(await anonymous.GetStringAsync($"api/notice/{other.CampaignId}"));
        Assert.NotEmpty(genuine);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var token in new[] { "", "old.1.AAAA", $"old.{now}.{Mac(campaign.CampaignId, now)[..^2]}xx", othersToken, genuine.Replace("old.", "new.", StringComparison.Ordinal) })
        {
            using var refused = await app.ObjectAsync(campaign.CampaignId, id, "吴十", "13600005555", "异议。", "10.6.0.1", token);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("请在公示页面上填写并提交异议", await refused.Content.ReadAsStringAsync());
        }

        var expiredAt = DateTimeOffset.UtcNow.Add(-ObjectionFormTokens.Lifetime - TimeSpan.FromMinutes(1)).ToUnixTimeSeconds();
        using (var expired = await app.ObjectAsync(campaign.CampaignId, id, "吴十", "13600005555", "该同志的获奖经历有误。", "10.6.0.1",
                   $"old.{expiredAt}.{Mac(campaign.CampaignId, expiredAt)}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
            var page = await expired.Content.ReadAsStringAsync();
            Assert.Contains("页面打开时间过长", page);
            Assert.Contains("该同志的获奖经历有误。", page);
            Assert.Contains("value=\"吴十\"", page);
            Assert.NotEmpty(NominationsApp.FormTokenIn(page));
        }

        using var admin = app.Admin();
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/objections")).GetArrayLength());
        using (var filed = await app.ObjectAsync(campaign.CampaignId, id, "吴十", "13600005555", "异议。", "10.6.0.1", genuine))
            Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/objections")).GetArrayLength());
    }

    /// <summary>A token signed as the app signs it, with the test app's approval-link key "old".</summary>
    private static string Mac(string campaignId, long issued) => Base64Url.EncodeToString(HMACSHA256.HashData(Convert.FromBase64String(ReliefApp.OldKeySecret),
        Encoding.UTF8.GetBytes($"notice-objection\nold\n{campaignId}\n{issued}")));
}
