using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Quotas;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Testing;
using static Gonghui.Functions.Tests.Nominations.NominationSamples;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Campaign changes on Azurite: made only when they break nothing the administrator has not acknowledged.</summary>
public sealed class CampaignAdministrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_change_that_invalidates_a_submitted_nomination_names_it_and_is_made_only_once_acknowledged()
    {
        var tables = azurite.Server.CreateTableServiceClient();
        var (campaigns, nominations, quotas) = (new CampaignStore(tables), new NominationStore(tables), new QuotaStore(tables));
        var administration = new CampaignAdministration(campaigns, nominations, quotas);
        var campaign = Campaign(AzuriteServer.UniqueName("camp"));
        Assert.True((await administration.CreateAsync(campaign)).IsValid);
        Assert.Equal("duplicate_campaign", Assert.Single((await administration.CreateAsync(campaign)).Errors).Code);

        var draft = new StoredNomination
        {
            CampaignId = campaign.CampaignId, NominationId = "nom-1", UnionId = "union-a", CountyCode = "370102", CreatedById = "user-1",
            CreatedByName = "工会干事", CreatedAt = During, Status = NominationStatus.Draft, Content = Complete(),
        };
        await nominations.CreateDraftAsync(draft);
        var stored = (await nominations.GetAsync(campaign.CampaignId, "nom-1"))!;
        var details = NominationValidator.ValidateSubmission(Complete(), campaign, During).Value!;
        var state = NominationReviewWorkflow.Submit("nom-1", campaign, "union-a", "370102", "user-1", "工会干事", During).State;
        await nominations.SubmitAsync(stored, Complete(), details, "hash-1", During, state);
        await quotas.ReserveAsync(new QuotaKey(campaign.CampaignId, ReviewLevel.County, "370102"), "nom-1");

        var proposed = campaign with { RequiredMaterials = [.. campaign.RequiredMaterials, new MaterialRequirement("photo", "近期免冠照片")] };
        var etag = (await campaigns.GetAsync(campaign.CampaignId))!.ETag;
        var refused = await administration.ChangeAsync(proposed, etag, acknowledged: []);
        Assert.Equal(CampaignChangeOutcome.WouldInvalidate, refused.Outcome);
        Assert.Equal("materials.photo", Assert.Single(Assert.Single(refused.Impact!.Nominations).Reasons).Field);
        Assert.DoesNotContain((await campaigns.GetAsync(campaign.CampaignId))!.Campaign.RequiredMaterials, m => m.Kind == "photo");

        // Removing a region none of whose places are taken breaks nothing: its counter drops to 0 places.
        var withoutUnusedRegion = campaign with { Quotas = [.. campaign.Quotas.Where(q => q.RegionCode != "370103")] };
        Assert.Equal(CampaignChangeOutcome.Changed, (await administration.ChangeAsync(withoutUnusedRegion, etag, [])).Outcome);
        Assert.Equal(0, (await quotas.GetAsync(new QuotaKey(campaign.CampaignId, ReviewLevel.County, "370103")))!.Places);
        Assert.Equal(CampaignChangeOutcome.Conflict, (await administration.ChangeAsync(proposed, etag, ["nom-1"])).Outcome);

        etag = (await campaigns.GetAsync(campaign.CampaignId))!.ETag;
        var removesUsedRegion = campaign with { Quotas = [.. campaign.Quotas.Where(q => q.RegionCode != "370102")] };
        Assert.Equal(new QuotaConflict(ReviewLevel.County, "370102", 0, 1),
            Assert.Single((await administration.ChangeAsync(removesUsedRegion, etag, ["nom-1"])).Impact!.Quotas));

        var changed = await administration.ChangeAsync(proposed, etag, acknowledged: ["nom-1"]);
        Assert.Equal(CampaignChangeOutcome.Changed, changed.Outcome);
        Assert.Contains((await campaigns.GetAsync(campaign.CampaignId))!.Campaign.RequiredMaterials, m => m.Kind == "photo");
    }
}
