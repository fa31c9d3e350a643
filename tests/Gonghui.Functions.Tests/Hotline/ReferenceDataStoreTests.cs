using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Hotline;

public sealed class ReferenceDataStoreTests
{
    [Fact]
    public async Task Seeding_fills_an_empty_store_and_never_overwrites_an_admins_edit()
    {
        var azurite = await AzuriteServer.StartAsync();
        await using var _ = azurite;
        var store = new ReferenceDataStore(azurite.CreateTableServiceClient(), TimeProvider.System);
        await store.SeedAsync(CancellationToken.None);
        var seeded = await store.GetAsync(CancellationToken.None);
        Assert.Equal(HotlineSeed.Units.Count, seeded.RoutingData.Units.Count);
        Assert.Equal(HotlinePolicy.Default.Resolution, seeded.Policy.Resolution);
        Assert.Equal(HotlinePolicy.Default.DuplicateWindow, seeded.Policy.DuplicateWindow);
        Assert.True(seeded.Calendar.HasArrangementFor(2026));

        var edited = seeded.RoutingData with { Units = [.. seeded.RoutingData.Units.Select(u => u.Id == "370102-union" ? u with { Email = "lixia@gonghui.example" } : u)] };
        await store.SaveRoutingAsync(edited, CancellationToken.None);
        await store.SavePolicyAsync(HotlinePolicy.Default with { WarningPercent = 80 }, CancellationToken.None);
        await new ReferenceDataStore(azurite.CreateTableServiceClient(), TimeProvider.System).SeedAsync(CancellationToken.None);

        var reloaded = await new ReferenceDataStore(azurite.CreateTableServiceClient(), TimeProvider.System).GetAsync(CancellationToken.None);
        Assert.Equal("lixia@gonghui.example", reloaded.Routing.FindUnit("370102-union")!.Email);
        Assert.Equal(80, reloaded.Policy.WarningPercent);
    }
}
