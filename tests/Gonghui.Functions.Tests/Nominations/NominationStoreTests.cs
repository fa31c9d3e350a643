using System.Security.Cryptography;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Privacy;
using Gonghui.Testing;
using static Gonghui.Functions.Tests.Nominations.NominationSamples;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>The nomination store on Azurite: one person per campaign, state and history written together.</summary>
public sealed class NominationStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly NationalIdHasher Hasher = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_second_nomination_of_the_same_person_in_a_campaign_is_refused_and_nothing_of_it_is_stored()
    {
        var store = new NominationStore(azurite.Server.CreateTableServiceClient());
        var campaign = Campaign(AzuriteServer.UniqueName("camp"));
        var first = await DraftAsync(store, campaign, "union-a");
        var second = await DraftAsync(store, campaign, "union-b");

        Assert.Equal(NominationWriteOutcome.Written, (await SubmitAsync(store, campaign, first, Complete())).Outcome);
        // The same person, typed differently.
        var duplicate = await SubmitAsync(store, campaign, second, Complete(NationalIdOf().ToLowerInvariant()));

        Assert.Equal(new NominationWriteResult(NominationWriteOutcome.DuplicateNominee, first.NominationId), duplicate);
        var stored = (await store.GetAsync(campaign.CampaignId, second.NominationId))!;
        Assert.Equal((NominationStatus.Draft, null, null, 0), (stored.Status, stored.Details, stored.State, stored.Sequence));
        Assert.Empty(await store.HistoryAsync(campaign.CampaignId, second.NominationId));
        Assert.Equal(first.NominationId, await store.FindByPersonAsync(campaign.CampaignId, Hasher.Hash(NationalIdOf())));
        // Another campaign may nominate the person.
        var other = Campaign(AzuriteServer.UniqueName("camp"));
        Assert.Equal(NominationWriteOutcome.Written, (await SubmitAsync(store, other, await DraftAsync(store, other, "union-b"), Complete())).Outcome);
    }

    [Fact]
    public async Task Review_states_are_saved_with_their_new_history_and_a_late_earlier_step_changes_nothing()
    {
        var store = new NominationStore(azurite.Server.CreateTableServiceClient());
        var campaign = Campaign(AzuriteServer.UniqueName("camp"));
        var draft = await DraftAsync(store, campaign, "union-a");
        await SubmitAsync(store, campaign, draft, Complete());
        var submitted = (await store.GetAsync(campaign.CampaignId, draft.NominationId))!;
        Assert.Equal((NominationStatus.Routing, 0), (submitted.Status, submitted.Sequence));

        var step = NominationReviewWorkflow.OpenTask(submitted.State!, ReviewTask.IdFor(draft.NominationId, ReviewLevel.County, 1, 1),
            [new Reviewer("rev-1", "审核员", "rev@gonghui.local")], During, Relief.Domain.WeekendWorkingDays.Adder());
        var rejected = NominationReviewWorkflow.Decide(step.State,
            new ReviewDecision(step.State.Task!.TaskId, "rev-1", ReviewDecisionKind.Reject, "不符合条件", During.AddHours(1)), Relief.Domain.WeekendWorkingDays.Adder());
        await store.SaveStateAsync(rejected.State, 2);
        await store.SaveStateAsync(step.State, 1);

        var saved = (await store.GetAsync(campaign.CampaignId, draft.NominationId))!;
        Assert.Equal((NominationStatus.Rejected, 2), (saved.Status, saved.Sequence));
        Assert.Equal([NominationEventKind.Submitted, NominationEventKind.TaskOpened, NominationEventKind.Rejected],
            (await store.HistoryAsync(campaign.CampaignId, draft.NominationId)).Select(e => e.Kind));
        Assert.Equal(NominationStatus.Rejected, Assert.Single(await store.ListAsync(campaign.CampaignId, "union-a")).Status);
        Assert.Empty(await store.ListAsync(campaign.CampaignId, "union-b"));
    }

    [Fact]
    public async Task A_write_against_a_stale_read_is_refused_and_a_revision_with_another_id_moves_the_person()
    {
        var store = new NominationStore(azurite.Server.CreateTableServiceClient());
        var campaign = Campaign(AzuriteServer.UniqueName("camp"));
        var draft = await DraftAsync(store, campaign, "union-a");
        Assert.Equal(NominationWriteOutcome.Written, (await store.SaveDraftAsync(draft, Complete() with { Achievements = "初稿" })).Outcome);
        Assert.Equal(NominationWriteOutcome.Changed, (await store.SaveDraftAsync(draft, Complete())).Outcome);

        var current = (await store.GetAsync(campaign.CampaignId, draft.NominationId))!;
        Assert.Equal("初稿", current.Content.Achievements);
        await SubmitAsync(store, campaign, current, Complete());
        var submitted = (await store.GetAsync(campaign.CampaignId, draft.NominationId))!;
        var returned = submitted.State! with { Status = NominationStatus.Returned };
        await store.SaveStateAsync(returned, 1);
        var toRevise = (await store.GetAsync(campaign.CampaignId, draft.NominationId))!;

        var correctedId = NationalIdOf(151);
        var revised = Complete(correctedId);
        var details = NominationValidator.ValidateSubmission(revised, campaign, During).Value!;
        Assert.Equal(NominationWriteOutcome.Written, (await store.ReviseAsync(toRevise, revised, details, Hasher.Hash(correctedId))).Outcome);

        Assert.Null(await store.FindByPersonAsync(campaign.CampaignId, Hasher.Hash(NationalIdOf())));
        Assert.Equal(draft.NominationId, await store.FindByPersonAsync(campaign.CampaignId, Hasher.Hash(correctedId)));
        Assert.Equal(correctedId, (await store.GetAsync(campaign.CampaignId, draft.NominationId))!.Details!.Nominee.NationalId);
    }

    private static async Task<StoredNomination> DraftAsync(NominationStore store, Campaign campaign, string unionId)
    {
        var draft = new StoredNomination
        {
            CampaignId = campaign.CampaignId,
            NominationId = AzuriteServer.UniqueName("nom"),
            UnionId = unionId,
            CountyCode = "370102",
            CreatedById = "user-1",
            CreatedByName = "工会干事",
            CreatedAt = During,
            Status = NominationStatus.Draft,
            Content = Complete() with { Materials = null },
        };
        Assert.True(await store.CreateDraftAsync(draft));
        return (await store.GetAsync(campaign.CampaignId, draft.NominationId))!;
    }

    private static Task<NominationWriteResult> SubmitAsync(NominationStore store, Campaign campaign, StoredNomination draft, NominationRequest content)
    {
        var details = NominationValidator.ValidateSubmission(content, campaign, During);
        Assert.True(details.IsValid);
        var step = NominationReviewWorkflow.Submit(draft.NominationId, campaign, draft.UnionId, draft.CountyCode, "user-1", "工会干事", During);
        return store.SubmitAsync(draft, content, details.Value!, Hasher.Hash(details.Value!.Nominee.NationalId), During, step.State);
    }
}
