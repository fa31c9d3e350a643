using Azure.Data.Tables;
using Gonghui.Connections;
using Gonghui.Functions.Nominations;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Quotas;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Nominations.Stores.Materials;
using Gonghui.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>The registration builds working stores on the app's storage clients.</summary>
public sealed class AddNominationsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddNominations_wires_the_stores_on_the_apps_storage_clients()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.DefaultName] = azurite.Server.ConnectionString,
            [NominationsSettings.NationalIdHashKeySetting] = Convert.ToBase64String(new byte[32]),
            ["Gonghui:Nominations:Materials:MaxBytes"] = "2048",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(StorageConnection.FromConfiguration(configuration));
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient());
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateBlobServiceClient());
        services.AddSingleton(TimeProvider.System);
        await using var provider = services.AddNominations(configuration).BuildServiceProvider();

        Assert.Equal(2048, provider.GetRequiredService<MaterialSettings>().MaxBytes);
        Assert.Equal(64, provider.GetRequiredService<NominationsSettings>().NationalIdHasher.Hash(NominationSamples.NationalIdOf()).Length);
        var upload = await provider.GetRequiredService<MaterialStore>().UploadAsync(new MemoryStream(new byte[4096]));
        Assert.Equal(MaterialStore.TooLarge, Assert.Single(upload.Errors).Code);

        var campaign = NominationSamples.Campaign(AzuriteServer.UniqueName("camp"));
        Assert.True((await provider.GetRequiredService<CampaignAdministration>().CreateAsync(campaign)).IsValid);
        Assert.Equal(3, (await provider.GetRequiredService<QuotaStore>().GetAsync(new QuotaKey(campaign.CampaignId, ReviewLevel.County, "370102")))!.Places);
        Assert.Equal(campaign.Quotas.Count, (await provider.GetRequiredService<QuotaStore>().ListAsync(campaign.CampaignId)).Count);
        Assert.NotNull(provider.GetRequiredService<TableServiceClient>());
    }
}
