using Azure.Data.Tables;
using Gonghui.Functions.Registry;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.Registry.Stores;
using Gonghui.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gonghui.Functions.Tests.Registry;

/// <summary>
/// The registry as the app wires it (AddRegistry) over the shared Azurite, with a hash key of its own so that its
/// record ids are its own, and callers for a city of its own.
/// </summary>
internal sealed class RegistryTestBed
{
    public RegistryTestBed(AzuriteServer azurite) : this(azurite.CreateTableServiceClient(), Convert.ToBase64String(RegistrySamples.Key()))
    {
    }

    /// <summary>The registry over these tables with this hash key (a running app's, to enter people it then finds).</summary>
    public RegistryTestBed(TableServiceClient tables, string hashKey)
    {
        City = RegistrySamples.NewCity();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [RegistrySettings.NationalIdHashKeySetting] = hashKey })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton(tables)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddRegistry(configuration)
            .BuildServiceProvider();
        Service = services.GetRequiredService<RegistryService>();
        Records = services.GetRequiredService<RecordStore>();
        Lookup = services.GetRequiredService<ModelWorkerLookup>();
        Admin = new RegistryCaller("key-admin", "省总工会 管理员", RegistryRole.Admin, null);
        CityStaff = new RegistryCaller("key-city", "市总工会 劳模办", RegistryRole.Staff, City);
        DistrictStaff = new RegistryCaller("key-district", "区总工会 劳模干事", RegistryRole.Staff, RegistrySamples.District(City));
        OtherDistrictStaff = new RegistryCaller("key-other", "另一区总工会", RegistryRole.Staff, RegistrySamples.District(City, 2));
    }

    public string City { get; }
    public string District => RegistrySamples.District(City);
    public RegistryService Service { get; }
    public RecordStore Records { get; }
    public ModelWorkerLookup Lookup { get; }
    public RegistryCaller Admin { get; }
    public RegistryCaller CityStaff { get; }
    public RegistryCaller DistrictStaff { get; }
    public RegistryCaller OtherDistrictStaff { get; }

    public async Task<RegistryRecordView> CreateAsync(RegistryRecordInput input)
    {
        var result = await Service.CreateAsync(DistrictStaff, input, CancellationToken.None);
        Assert.Equal(RegistryOutcome.Created, result.Outcome);
        return result.Value!;
    }

    public async Task<IReadOnlyList<RegistrySummary>> SearchAllAsync(RegistryCaller caller, RegistrySearchQuery query)
    {
        var found = new List<RegistrySummary>();
        while (true)
        {
            var page = await Service.SearchAsync(caller, query, CancellationToken.None);
            Assert.True(page.Succeeded, page.Code);
            found.AddRange(page.Value!.Items);
            if (page.Value.Next is null) return found;
            query = query with { After = page.Value.Next };
        }
    }

    public async Task<Gonghui.Functions.Registry.Import.ImportReport> ImportAsync(RegistryCaller caller, byte[] file, bool dryRun, string name = "劳模名册.csv")
    {
        var result = await Service.ImportAsync(caller, new MemoryStream(file), name, dryRun, CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.Value!;
    }
}
