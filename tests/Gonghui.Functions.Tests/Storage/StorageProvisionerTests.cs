using System.Diagnostics;
using Azure;
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

    [Fact]
    public async Task A_refusal_stops_the_start_at_once_instead_of_waiting_for_storage()
    {
        var server = azurite.Server;
        var wrongKey = server.ConnectionString.Replace(AzuriteServer.AccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(new TableServiceClient(wrongKey)).AddSingleton(server.CreateQueueServiceClient())
            .AddSingleton(new BlobServiceClient(server.ConnectionString))
            .AddStorage(new StorageNames { Tables = [AzuriteServer.UniqueName("refused")] });
        using var host = builder.Build();

        var started = Stopwatch.StartNew();
        var refusal = await Assert.ThrowsAsync<RequestFailedException>(() => host.StartAsync());
        Assert.Equal(403, refusal.Status);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"the start took {started.Elapsed}");
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
