using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Nominations.Domain;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Publication refused (open reviews, an empty list, a quota-mix rule short) with nothing published; the objection rate limit.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class PublicNoticeRefusalTests(NominationsApp app)
{
    [Fact]
    public async Task Publication_is_refused_while_reviews_are_open_for_an_empty_list_and_for_a_list_short_of_a_quota_mix_rule()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateNoticeCampaignAsync(noticeWorkingDays: 5,
            [new QuotaMixRule("其他一线职工和专业技术人员", [OccupationCategory.FrontlineWorker, OccupationCategory.TechnicalStaff], 20)]);
        using (var empty = await app.PublishAsync(campaign.CampaignId))
            Assert.Equal("empty_list", await CodeOfAsync(empty));

        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var selected = await app.NominateSelectedAsync(nominator, campaign.CampaignId, 311);
        var open = await NominationsApp.NominateAsync(nominator, campaign.CampaignId, 312);
        using (var reviewing = await app.PublishAsync(campaign.CampaignId))
            Assert.Equal("reviews_open", await CodeOfAsync(reviewing));

        var token = NominationsApp.TokenIn(await app.WaitForReviewMailAsync(open, ReviewLevel.County));
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, open, n => NominationsApp.IsAt(n, "in_review", "county"));
        (await app.DecideAsync(token, "reject", "事迹不够突出")).Dispose();
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, open, n => NominationsApp.IsAt(n, "rejected"));

        using var refused = await app.PublishAsync(campaign.CampaignId);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("quota_mix_not_met", problem.GetProperty("code").GetString());
        const string shortfall = "其他一线职工和专业技术人员应不低于 20%：名单 1 人中至少 1 人，现有 0 人，还差 1 人。";
        Assert.Contains(shortfall, problem.GetProperty("detail").GetString());
        Assert.Contains(shortfall, problem.GetProperty("errors").GetProperty("mixRules.其他一线职工和专业技术人员")[0].GetString());

        using var admin = app.Admin();
        using (var none = await admin.GetAsync($"api/nominations/campaigns/{campaign.CampaignId}/notice"))
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        using var anonymous = app.Client(null);
        using (var page = await anonymous.GetAsync($"api/notice/{campaign.CampaignId}"))
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("selected", (await nominator.GetFromJsonAsync<JsonElement>(
            $"api/nominations/campaigns/{campaign.CampaignId}/nominations/{selected}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Objections_beyond_the_limit_per_contact_and_per_address_get_a_friendly_429_page_and_are_not_stored()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateNoticeCampaignAsync(noticeWorkingDays: 30, []);
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var id = await app.NominateSelectedAsync(nominator, campaign.CampaignId, 321);
        (await app.PublishAsync(campaign.CampaignId)).Dispose();

        // Three a day per contact, whatever the address.
        for (var i = 1; i <= 3; i++)
        {
            using var filed = await app.ObjectAsync(campaign.CampaignId, id, "赵六", "13900002222", $"第 {i} 条异议。", $"10.2.0.{i}");
            Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        }
        using (var limited = await app.ObjectAsync(campaign.CampaignId, id, "赵六", "13900002222", "第 4 条异议。", "10.2.0.9"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            var page = await limited.Content.ReadAsStringAsync();
            Assert.Contains("提交过于频繁", page);
            Assert.Contains("同一联系方式每天最多提交 3 条", page);
        }

        // Five an hour per address, whatever the contact.
        for (var i = 1; i <= 5; i++)
        {
            using var filed = await app.ObjectAsync(campaign.CampaignId, id, "钱七", $"qian{i}@example.com", "异议。", "10.3.0.1");
            Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        }
        using (var limited = await app.ObjectAsync(campaign.CampaignId, id, "钱七", "qian6@example.com", "异议。", "10.3.0.1"))
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        using var admin = app.Admin();
        var objections = await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/objections");
        Assert.Equal(8, objections.GetArrayLength());

        // A bad form comes back with the reason, nothing stored.
        using (var invalid = await app.ObjectAsync(campaign.CampaignId, id, "孙八", "not a contact", "异议。", "10.4.0.1"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("请填写有效的手机号码", await invalid.Content.ReadAsStringAsync());
        }
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, $"api/notice/{campaign.CampaignId}")
               { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["nominationId"] = id, ["name"] = "孙八", ["contact"] = "13900003333", ["text"] = "x" }) })
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            using var anonymous = app.Client(null);
            using var refused = await anonymous.SendAsync(crossSite);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        Assert.Equal(8, (await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/objections")).GetArrayLength());
    }

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
    }
}
