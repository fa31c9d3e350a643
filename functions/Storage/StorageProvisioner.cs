using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Storage;

/// <summary>
/// Creates every table, queue and container the capabilities declared (<see cref="StorageServiceCollectionExtensions.AddStorage"/>)
/// in <see cref="StartingAsync"/>, which the host runs before any hosted service starts: before the worker connects to
/// the Functions host (and so before triggers fire) and before the app's seeders run.
/// </summary>
internal sealed class StorageProvisioner(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs,
    IEnumerable<StorageNames> declared, ILogger<StorageProvisioner> logger) : IHostedLifecycleService
{
    /// <summary>How long start waits for storage to answer at all (./run.sh starts Azurite next to the app).</summary>
    private static readonly TimeSpan UnreachableFor = TimeSpan.FromMinutes(2);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = DateTimeOffset.UtcNow + UnreachableFor;
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 5)))
        {
            try
            {
                await StorageProvisioning.CreateAsync(tables, queues, blobs, declared, cancellationToken);
                return;
            }
            catch (Exception ex) when (Unreachable(ex) && DateTimeOffset.UtcNow < giveUpAt && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Storage not reachable yet to create the app's tables, queues and containers ({Message}); retrying", ex.Message);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    // No answer at all (status 0, after the client's own retries) may pass by waiting; a refusal (403 without the data
    // roles, 400 for a bad name) will not.
    private static bool Unreachable(Exception ex) => ex switch
    {
        RequestFailedException { Status: 0 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(Unreachable),
        _ => false,
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
