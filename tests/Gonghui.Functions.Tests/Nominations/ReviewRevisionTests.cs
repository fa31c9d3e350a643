using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Functions;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Return for revision: resubmitted in time and reviewed again by the same level, or missed and withdrawn by the durable timer; reject.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class ReviewRevisionTests(NominationsApp app)
{
    [Fact]
    public async Task A_returned_nomination_revised_and_resubmitted_in_time_is_reviewed_again_by_the_same_level()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, unionId) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var id = await NominationsApp.NominateAsync(nominator, campaign.CampaignId, 31);
        var countyToken = NominationsApp.TokenIn(await app.WaitForReviewMailAsync(id, ReviewLevel.County));
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "county"));

        using (var noComment = await app.DecideAsync(countyToken, "return"))
        {
            Assert.Equal(HttpStatusCode.Conflict, noComment.StatusCode);
            Assert.Contains("须填写意见", await noComment.Content.ReadAsStringAsync());
        }
        using (var returned = await app.DecideAsync(countyToken, "return", "请补充技术革新的经济效益数据", revisionDays: 20))
            Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var unionMail = await app.WaitForUnionMailAsync(unionId, id, "退回修改");
        Assert.Contains("请补充技术革新的经济效益数据", unionMail.Text);
        var atUnion = await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "returned"));
        Assert.Equal(JsonValueKind.String, atUnion.GetProperty("revisionDue").ValueKind);

        var revised = JsonSerializer.Deserialize<NominationRequest>(atUnion.GetProperty("content").GetRawText(), NominationsApp.Json)! with
        {
            Achievements = "扎根一线二十年，主持技术革新 12 项，年创效益 800 万元。",
        };
        using (var resubmitted = await nominator.PostAsJsonAsync($"api/nominations/campaigns/{campaign.CampaignId}/nominations/{id}/resubmit",
                   new ResubmitRequest(revised, "已补充效益数据"), NominationsApp.Json))
            Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);

        var secondRound = await app.WaitForReviewMailAsync(id, ReviewLevel.County, nth: 2);
        Assert.Contains("800 万元", secondRound.Text);
        var again = await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "county"));
        Assert.Contains(again.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "resubmitted");
        using (var approved = await app.DecideAsync(NominationsApp.TokenIn(secondRound), "approve"))
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "city"));

        using var late = await nominator.PostAsJsonAsync($"api/nominations/campaigns/{campaign.CampaignId}/nominations/{id}/resubmit",
            new ResubmitRequest(null, null), NominationsApp.Json);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("not_returned", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_returned_nomination_not_resubmitted_by_its_deadline_is_withdrawn_by_the_timer()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, unionId) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var id = await NominationsApp.NominateAsync(nominator, campaign.CampaignId, 33);
        var countyToken = NominationsApp.TokenIn(await app.WaitForReviewMailAsync(id, ReviewLevel.County));
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "county"));
        using (var returned = await app.DecideAsync(countyToken, "return", "缺少推荐审批表盖章页", revisionDays: 1))
            Assert.Equal(HttpStatusCode.OK, returned.StatusCode);

        var withdrawn = await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "withdrawn"));
        Assert.Equal("revision_missed", withdrawn.GetProperty("history").EnumerateArray().Last().GetProperty("kind").GetString());
        await app.WaitForUnionMailAsync(unionId, id, "已撤回");
        using var late = await nominator.PostAsJsonAsync($"api/nominations/campaigns/{campaign.CampaignId}/nominations/{id}/resubmit",
            new ResubmitRequest(null, null), NominationsApp.Json);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task A_rejected_nomination_ends_and_an_unanswered_task_is_reminded()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, unionId) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var id = await NominationsApp.NominateAsync(nominator, campaign.CampaignId, 35);
        await app.WaitForReviewMailAsync(id, ReviewLevel.County);

        // Two working days of 3 s without a decision: the reviewer is reminded with a fresh link.
        var reminder = await app.WaitForReviewMailAsync(id, ReviewLevel.County, tag: "催办");
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, id,
            n => n.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("kind").GetString() == "reminded"));
        using (var rejected = await app.DecideAsync(NominationsApp.TokenIn(reminder), "reject", "事迹不够突出"))
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "rejected"));
        var mail = await app.WaitForUnionMailAsync(unionId, id, "不予推荐");
        Assert.Contains("事迹不够突出", mail.Text);
    }
}
