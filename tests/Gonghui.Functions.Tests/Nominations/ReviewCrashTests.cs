using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Nominations.Domain;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>The app process killed right after a decision: the review goes on after the restart, each step once.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class ReviewCrashTests(NominationsApp app)
{
    [Fact]
    public async Task A_decision_survives_a_killed_process_and_takes_one_place_and_opens_one_city_task()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, _) = await app.CreateNominatorAsync();
        string id;
        using (var nominator = app.Client(key))
        {
            id = await NominationsApp.NominateAsync(nominator, campaign.CampaignId, 61);
            var token = NominationsApp.TokenIn(await app.WaitForReviewMailAsync(id, ReviewLevel.County));
            await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "county"));
            using var decided = await app.DecideAsync(token, "approve", "同意");
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await app.RestartAsync();

        using var restarted = app.Client(key);
        using (var retriedSubmit = await NominationsApp.SubmitAsync(restarted, campaign.CampaignId, id))
            Assert.Equal(HttpStatusCode.Accepted, retriedSubmit.StatusCode);
        await app.WaitForNominationAsync(restarted, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "city"), TimeSpan.FromSeconds(90));
        await app.WaitForReviewMailAsync(id, ReviewLevel.City);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var cityRequests = (await app.Maildev.GetEmailsAsync()).Count(e => e.Subject?.Contains(id, StringComparison.Ordinal) == true
            && e.Subject.Contains("待审批", StringComparison.Ordinal) && e.To?.Any(t => t.Address == NominationsApp.ReviewerAt(ReviewLevel.City).Email) == true);
        Assert.Equal(1, cityRequests);
        using var admin = app.Admin();
        var quotas = await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/quotas");
        Assert.Equal(1, quotas.EnumerateArray().Single(q => q.GetProperty("regionCode").GetString() == NominationsApp.County).GetProperty("used").GetInt32());
    }
}
