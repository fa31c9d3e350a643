using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>A nomination reviewed county → city → province by the links e-mailed to the reviewers, read back from maildev.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class ReviewEndToEndTests(NominationsApp app)
{
    [Fact]
    public async Task Submitted_nomination_is_approved_by_link_at_each_level_and_selected_with_the_union_told_of_every_decision()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, unionId) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var content = await NominationsApp.CompleteAsync(nominator, 21);
        var id = await NominationsApp.CreateDraftAsync(nominator, campaign.CampaignId, content);
        using (var submitted = await NominationsApp.SubmitAsync(nominator, campaign.CampaignId, id))
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            Assert.Equal($"/api/nominations/campaigns/{campaign.CampaignId}/nominations/{id}", submitted.Headers.Location!.ToString());
        }
        // A retried submit answers the same and starts nothing twice.
        using (var retried = await NominationsApp.SubmitAsync(nominator, campaign.CampaignId, id))
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);

        var countyMail = await app.WaitForReviewMailAsync(id, ReviewLevel.County);
        Assert.Contains(NationalId.Mask(content.Nominee!.NationalId), countyMail.Text);
        Assert.DoesNotContain(content.Nominee.NationalId!, countyMail.Text + countyMail.Html);
        var token = NominationsApp.TokenIn(countyMail);

        // Opening the link (a mail scanner, the reviewer) decides nothing.
        using var anonymous = app.Client(null);
        string formToken;
        using (var get = await anonymous.GetAsync($"api/nominations/review/{token}"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("no-store", get.Headers.CacheControl?.ToString());
            Assert.Equal("same-origin", get.Headers.GetValues("Referrer-Policy").Single());
            var page = await get.Content.ReadAsStringAsync();
            Assert.Contains("王建国", page);
            Assert.Contains(NationalId.Mask(content.Nominee.NationalId), page);
            Assert.DoesNotContain(content.Nominee.NationalId!, page);
            formToken = NominationsApp.FormTokenIn(page);
        }
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "county"));

        // A cross-site POST is refused, the same-origin form decides once.
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, $"api/nominations/review/{token}")
               { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" }) })
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            using var refused = await anonymous.SendAsync(crossSite);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var approved = await app.PostDecisionAsync(token, formToken, "approve", "事迹突出，同意推荐"))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            Assert.Contains("审核意见已提交", await approved.Content.ReadAsStringAsync());
        }
        await app.WaitForUnionMailAsync(unionId, id, "审核通过");
        var cityToken = NominationsApp.TokenIn(await app.WaitForReviewMailAsync(id, ReviewLevel.City));
        using (var reused = await app.PostDecisionAsync(token, formToken, "reject", "重复"))
        {
            Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
            Assert.Contains("该事项已处理", await reused.Content.ReadAsStringAsync());
        }

        using (var cityApproved = await app.DecideAsync(cityToken, "approve", "同意报省"))
            Assert.Equal(HttpStatusCode.OK, cityApproved.StatusCode);
        var provinceToken = NominationsApp.TokenIn(await app.WaitForReviewMailAsync(id, ReviewLevel.Province));
        using (var provinceApproved = await app.DecideAsync(provinceToken, "approve", "拟表彰"))
            Assert.Equal(HttpStatusCode.OK, provinceApproved.StatusCode);

        var selected = await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "selected"));
        var decisions = selected.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("kind").GetString() == "approved").ToList();
        Assert.Equal(["事迹突出，同意推荐", "同意报省", "拟表彰"], decisions.Select(d => d.GetProperty("comment").GetString()));
        Assert.Equal(["county", "city", "province"], decisions.Select(d => d.GetProperty("level").GetString()));
        await app.WaitForUnionMailAsync(unionId, id, "已入选拟表彰名单");

        using var admin = app.Admin();
        var quotas = await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/quotas");
        Assert.All(quotas.EnumerateArray(), q => Assert.Equal(1, q.GetProperty("used").GetInt32()));
        var figures = await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/figures");
        var counted = Assert.Single(figures.GetProperty("nominations").EnumerateArray());
        Assert.Equal(("province", "selected", 1), (counted.GetProperty("level").GetString(), counted.GetProperty("status").GetString(), counted.GetProperty("count").GetInt32()));
        var list = figures.GetProperty("selectedList");
        Assert.Equal(100, list.GetProperty("percentages").GetProperty("industrial_worker").GetInt32());
        Assert.StartsWith("其他一线职工和专业技术人员应不低于 20%", Assert.Single(list.GetProperty("shortfalls").EnumerateArray()).GetString());
        Assert.Empty(figures.GetProperty("objections").EnumerateArray());
        Assert.DoesNotContain(content.Nominee.NationalId!, app.App.Output);
    }
}
