using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Gonghui.Bench.Durable;
using Gonghui.Hosting;
using Gonghui.Hosting.Configuration;
using Gonghui.Hosting.Durable;
using Gonghui.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gonghui.Bench;

/// <summary>
/// Orchestrations on the Durable Task Framework's Azure Storage provider as the local host runs them (host.json's
/// durableTask settings, the shared orchestration service), on a fresh Azurite: HelloSequence5 throughput,
/// fan-out/fan-in throughput, external-event round trip latency, storage requests per activity step (counted in the
/// storage clients' pipelines) and peak memory, after a warm-up that runs each path.
/// </summary>
public sealed class DurableBenchmark : IBenchmark
{
    public string Name => "durable";

    public string Description => "DTFx on Azurite: HelloSequence5 x500, fan-out 500, event round trip x200, requests per step, memory";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var counter = new RequestCounter();
        // The local host as the app runs it (host.json from the repository root), with the benchmark's functions only.
        var builder = FunctionsApplication.CreateBuilder([], RepositoryRoot.Path);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [DurableTaskHubSettings.Section + ":hubName"] = "bench",
            [FunctionAppSettings.HostSection + ":logging:logLevel:default"] = "Warning",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFunctions(typeof(BenchOrchestrations).Assembly);
        builder.Services.AddDurableTask(builder.Configuration);
        builder.Services.AddSingleton(sp =>
        {
            // The same settings, with every storage client counting its requests.
            var settings = DurableTaskHubSettings.Read(builder.Configuration, StorageConnection.FromConfiguration(builder.Configuration),
                sp.GetRequiredService<ILoggerFactory>());
            settings.StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(azurite.ConnectionString, Counted(new BlobClientOptions(), counter)),
                StorageServiceClientProvider.ForQueue(azurite.ConnectionString, Counted(new QueueClientOptions(), counter)),
                StorageServiceClientProvider.ForTable(azurite.ConnectionString, Counted(new TableClientOptions(), counter)));
            return settings;
        });
        await using var app = builder.Build();
        await app.StartAsync(cancellationToken);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var hub = app.Services.GetRequiredService<AzureStorageOrchestrationServiceSettings>();
        Console.WriteLine($"durableTask settings: partitions {hub.PartitionCount}, control batch {hub.ControlQueueBatchSize}, max polling {hub.MaxQueuePollingInterval}, " +
            $"extended sessions {hub.ExtendedSessionsEnabled}, orchestrations/activities at once {hub.MaxConcurrentTaskOrchestrationWorkItems}/{hub.MaxConcurrentTaskActivityWorkItems}");
        await RunWarmUpAsync(client, cancellationToken);

        const int sequences = 500;
        counter.Reset();
        var watch = Stopwatch.StartNew();
        var ids = await StartAsync(client, BenchOrchestrations.HelloSequence5, "seq-", sequences, cancellationToken);
        await CompletionWatch.WaitAllAsync(client, "seq-", ids, cancellationToken);
        var sequenceSeconds = watch.Elapsed.TotalSeconds;
        var sequenceRequests = counter.Count;
        report.Add("HelloSequence5 throughput", sequences / sequenceSeconds, "orchestrations/s", $"{sequences} instances x 5 activities in {sequenceSeconds:0.0} s; DTFx's ceiling here about 12");
        report.Add("storage requests per activity step", (double)sequenceRequests / (sequences * 5), "requests",
            $"{sequenceRequests} requests for {sequences * 5} steps, HelloSequence5, incl. start, polling and watching for completion");
        report.Add("storage request rate during HelloSequence5", sequenceRequests / sequenceSeconds, "requests/s");

        const int width = 500;
        counter.Reset();
        watch.Restart();
        var fan = await client.ScheduleNewOrchestrationInstanceAsync(BenchOrchestrations.FanOutFanIn, width, cancellation: cancellationToken);
        var fanResult = await client.WaitForInstanceCompletionAsync(fan, getInputsAndOutputs: true, cancellation: cancellationToken);
        var fanSeconds = watch.Elapsed.TotalSeconds;
        if (fanResult.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            throw new InvalidOperationException($"Fan-out ended {fanResult.RuntimeStatus}: {fanResult.FailureDetails}");
        report.Add("fan-out/fan-in throughput", width / fanSeconds, "activities/s", $"1 orchestration, {width} activities in {fanSeconds:0.0} s");
        report.Add("fan-out storage requests per activity", (double)counter.Count / width, "requests");

        const int waiting = 200;
        var waiters = await StartAsync(client, BenchOrchestrations.AwaitApproval, "wait-", waiting, cancellationToken);
        foreach (var id in waiters)
            await client.WaitForInstanceStartAsync(id, cancellationToken);
        counter.Reset();
        var latencies = await RaiseAndWaitAsync(client, "wait-", waiters, cancellationToken);
        var eventRequests = counter.Count;
        Array.Sort(latencies);
        report.Add("event round trip p50", Percentile(latencies, 0.50), "ms",
            $"{waiting} waiting instances, events raised together, same process; completion seen by a 50 ms listing");
        report.Add("event round trip p95", Percentile(latencies, 0.95), "ms", "goal <= 1500");
        report.Add("event round trip storage requests per event", (double)eventRequests / waiting, "requests",
            "raise to completion, incl. polling and the completion listing");

        report.Add("storage ceiling: queue sends, 64 at a time", await QueueSendCeilingAsync(azurite, cancellationToken), "requests/s",
            "what this Azurite on this machine serves at best; the engine's rates above are bounded by it");

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        report.Add("peak working set", self.PeakWorkingSet64 / (1024.0 * 1024.0), "MiB", "this process: engine, client and benchmark (Azurite is a separate process)");
        await app.StopAsync(cancellationToken);
    }

    private static T Counted<T>(T options, RequestCounter counter) where T : ClientOptions
    {
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>
    /// Runs every measured path often enough for the runtime (and Azurite's JavaScript engine) to finish compiling it,
    /// so that the measurements see a warm process, not a cold start.
    /// </summary>
    private static async Task RunWarmUpAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        const int instances = 64;
        var sequences = await StartAsync(client, BenchOrchestrations.HelloSequence5, "warm-seq-", instances, cancellationToken);
        var waiters = await StartAsync(client, BenchOrchestrations.AwaitApproval, "warm-wait-", instances, cancellationToken);
        await CompletionWatch.WaitAllAsync(client, "warm-seq-", sequences, cancellationToken);
        await RaiseAndWaitAsync(client, "warm-wait-", waiters, cancellationToken);
        await WarmUp.SettleAsync(cancellationToken);
    }

    private static Task<string[]> StartAsync(DurableTaskClient client, string orchestrator, string idPrefix, int count, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => client.ScheduleNewOrchestrationInstanceAsync(orchestrator,
            new StartOrchestrationOptions($"{idPrefix}{i:D4}"), cancellationToken)));

    /// <summary>Raises the approval event to each waiting instance at once; each one's time from raise to completion.</summary>
    private static async Task<double[]> RaiseAndWaitAsync(DurableTaskClient client, string idPrefix, IReadOnlyCollection<string> waiters,
        CancellationToken cancellationToken)
    {
        var raised = new Dictionary<string, long>();
        await Task.WhenAll(waiters.Select(async id =>
        {
            var at = Stopwatch.GetTimestamp();
            await client.RaiseEventAsync(id, BenchOrchestrations.ApprovalEvent, "yes", cancellationToken);
            lock (raised)
                raised[id] = at;
        }));
        var finished = await CompletionWatch.WaitAllAsync(client, idPrefix, waiters, cancellationToken);
        return [.. waiters.Select(id => Stopwatch.GetElapsedTime(raised[id], finished[id]).TotalMilliseconds)];
    }

    private static async Task<double> QueueSendCeilingAsync(AzuriteServer azurite, CancellationToken cancellationToken)
    {
        const int sends = 2000;
        var queue = azurite.CreateQueueServiceClient().GetQueueClient("ceiling");
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        using var gate = new SemaphoreSlim(64);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, sends).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await queue.SendMessageAsync("ceiling " + i, cancellationToken: cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return sends / watch.Elapsed.TotalSeconds;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
