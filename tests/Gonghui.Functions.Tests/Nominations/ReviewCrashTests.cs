using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Crashes: the app process killed right after a decision, and a submission stored but never started; each step happens once.</summary>
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

    [Fact]
    public async Task A_submission_stored_before_a_crash_but_never_started_starts_its_review_when_the_submit_is_retried()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, unionId) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var content = await NominationsApp.CompleteAsync(nominator, 63);
        var id = await NominationsApp.CreateDraftAsync(nominator, campaign.CampaignId, content);

        // What the submit writes before it starts the orchestration, written here as a process that died right after.
        var store = new NominationStore(app.Azurite.CreateTableServiceClient());
        var draft = (await store.GetAsync(campaign.CampaignId, id))!;
        var now = DateTimeOffset.UtcNow;
        var details = NominationValidator.ValidateSubmission(draft.Content, campaign, now).Value!;
        var step = NominationReviewWorkflow.Submit(id, campaign, unionId, NominationsApp.County, draft.CreatedById, draft.CreatedByName, now);
        var hash = new NationalIdHasher(Convert.FromBase64String(NominationsApp.HashKey)).Hash(details.Nominee.NationalId);
        Assert.Equal(NominationWriteOutcome.Written, (await store.SubmitAsync(draft, draft.Content, details, hash, now, step.State)).Outcome);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(await app.Maildev.GetEmailsAsync(), e => e.Subject?.Contains(id, StringComparison.Ordinal) == true);

        using (var retried = await NominationsApp.SubmitAsync(nominator, campaign.CampaignId, id))
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        using (var again = await NominationsApp.SubmitAsync(nominator, campaign.CampaignId, id))
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await app.WaitForReviewMailAsync(id, ReviewLevel.County);
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "county"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(await app.Maildev.GetEmailsAsync(), e => e.Subject?.Contains(id, StringComparison.Ordinal) == true
            && e.Subject.Contains("待审批", StringComparison.Ordinal));
    }
}
