using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Gonghui.Functions.Storage;
using Gonghui.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gonghui.Functions.Tests.Storage;

/// <summary>What capabilities declare exists before any hosted service starts (the worker's connection to the host, seeders).</summary>
public sealed class StorageProvisionerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_declared_table_queue_and_container_exists_when_the_first_hosted_service_starts()
    {
        var server = azurite.Server;
        var first = new StorageNames { Tables = [AzuriteServer.UniqueName("provisioned")], Queues = [AzuriteServer.UniqueName("provisioned")] };
        var second = new StorageNames { Tables = [first.Tables[0], AzuriteServer.UniqueName("provisioned")], Containers = [AzuriteServer.UniqueName("provisioned")] };
        var tables = server.CreateTableServiceClient();
        var queues = server.CreateQueueServiceClient();
        var blobs = new BlobServiceClient(server.ConnectionString);
        var probe = new ExistenceProbe(tables, queues, blobs, [first, second]);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(tables).AddSingleton(queues).AddSingleton(blobs);
        // Registered before the declarations, as the worker's own hosted service is before the app's.
        builder.Services.AddSingleton<IHostedService>(probe);
        builder.Services.AddStorage(first).AddStorage(second).AddStorage(first);

        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["all exist"], probe.Seen);
    }

    private sealed class ExistenceProbe(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, StorageNames[] declared)
        : IHostedService
    {
        public List<string> Seen { get; } = [];

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var missing = new List<string>();
            foreach (var names in declared)
            {
                foreach (var table in names.Tables)
                    if ((await tables.QueryAsync(t => t.Name == table, cancellationToken: cancellationToken).ToListAsync()).Count == 0)
                        missing.Add(table);
                foreach (var queue in names.Queues)
                    if (!await queues.GetQueueClient(queue).ExistsAsync(cancellationToken))
                        missing.Add(queue);
                foreach (var container in names.Containers)
                    if (!await blobs.GetBlobContainerClient(container).ExistsAsync(cancellationToken))
                        missing.Add(container);
            }
            Seen.Add(missing.Count == 0 ? "all exist" : "missing " + string.Join(", ", missing));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
