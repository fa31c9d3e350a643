using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Gonghui.Functions.Storage;
using Gonghui.Testing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Gonghui.Functions.Tests;

/// <summary>
/// Every Azurite these tests start holds the tables, queues and containers the app declares (read from its composition
/// root), created by the app's own <see cref="StorageProvisioning"/>: so tests that use stores without starting the app
/// find storage as the started app would leave it, and none creates a table itself.
/// </summary>
public static class AppStorage
{
    private static readonly string HashKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static readonly Lazy<IReadOnlyList<StorageNames>> Declared = new(ReadDeclared);

    [ModuleInitializer]
    internal static void PrepareEveryAzurite() => AzuriteServer.Prepare = ProvisionAsync;

    public static Task ProvisionAsync(AzuriteServer azurite) =>
        StorageProvisioning.CreateAsync(azurite.CreateTableServiceClient(), azurite.CreateQueueServiceClient(),
            new BlobServiceClient(azurite.ConnectionString), Declared.Value, CancellationToken.None);

    private static IReadOnlyList<StorageNames> ReadDeclared()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Gonghui:Hotline:PhoneHashKey"] = HashKey,
        });
        builder.ConfigureFunctionsWebApplication();
        builder.AddGonghui();
        return [.. builder.Services.Select(d => d.ImplementationInstance).OfType<StorageNames>()];
    }
}
