using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Quotas;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Quota places under real concurrency on Azurite: the count's ETag lets exactly as many forwards through as there are places.</summary>
public sealed class QuotaStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Twenty_forwards_at_once_against_five_places_take_exactly_five_and_repeats_change_nothing()
    {
        var store = new QuotaStore(azurite.Server.CreateTableServiceClient());
        var key = new QuotaKey(AzuriteServer.UniqueName("camp"), ReviewLevel.County, "370102");
        Assert.True(await store.SetPlacesAsync(key, 5));

        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() => store.ReserveAsync(key, $"nom-{i}"))));

        var winners = Enumerable.Range(1, 20).Where(i => results[i - 1].Outcome == QuotaOutcome.Reserved).Select(i => $"nom-{i}").ToList();
        Assert.Equal(5, winners.Count);
        Assert.All(results.Where(r => r.Outcome != QuotaOutcome.Reserved), r => Assert.Equal((QuotaOutcome.Full, 5, 5), (r.Outcome, r.Count!.Places, r.Count.Used)));
        Assert.Equal(new QuotaCount(key, 5, 5), await store.GetAsync(key));
        Assert.Equal(winners.Order(), (await store.HoldersAsync(key)).Order());
        var repeats = await Task.WhenAll(winners.Select(id => store.ReserveAsync(key, id)));
        Assert.All(repeats, r => Assert.Equal(QuotaOutcome.AlreadyReserved, r.Outcome));
        Assert.Equal(5, (await store.GetAsync(key))!.Used);
    }

    [Fact]
    public async Task Forwards_racing_through_three_instances_take_exactly_the_places_there_are()
    {
        // Each store stands for an app instance: it takes turns only with itself.
        var stores = Enumerable.Range(0, 3).Select(_ => new QuotaStore(azurite.Server.CreateTableServiceClient())).ToArray();
        var key = new QuotaKey(AzuriteServer.UniqueName("camp"), ReviewLevel.City, "370100");
        Assert.True(await stores[0].SetPlacesAsync(key, 3));

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Task.Run(() => stores[i % 3].ReserveAsync(key, $"nom-{i}"))));

        Assert.Equal(3, results.Count(r => r.Outcome == QuotaOutcome.Reserved));
        Assert.Equal(7, results.Count(r => r.Outcome == QuotaOutcome.Full));
        Assert.Equal(3, (await stores[1].GetAsync(key))!.Used);
    }

    [Fact]
    public async Task Places_cannot_go_below_those_taken_and_a_region_without_places_has_no_quota()
    {
        var store = new QuotaStore(azurite.Server.CreateTableServiceClient());
        var campaignId = AzuriteServer.UniqueName("camp");
        var key = new QuotaKey(campaignId, ReviewLevel.County, "370102");
        await store.SetPlacesAsync(key, 2);
        await store.ReserveAsync(key, "nom-1");
        await store.ReserveAsync(key, "nom-2");

        Assert.False(await store.SetPlacesAsync(key, 1));
        Assert.True(await store.SetPlacesAsync(key, 3));
        Assert.Equal(QuotaOutcome.Reserved, (await store.ReserveAsync(key, "nom-3")).Outcome);
        Assert.Equal(QuotaOutcome.NoQuota, (await store.ReserveAsync(key with { RegionCode = "370103" }, "nom-4")).Outcome);
        Assert.Equal([new QuotaCount(key, 3, 3)], await store.ListAsync(campaignId));
    }
}
