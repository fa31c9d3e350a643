using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Gonghui.Durable;
using Gonghui.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.Bench;

/// <summary>
/// The durable engine on a fresh Azurite: HelloSequence5 throughput, fan-out/fan-in throughput, external-event
/// round trip latency, storage requests per activity step (counted in the storage pipeline) and peak memory, after a
/// warm-up that runs each path.
/// </summary>
public sealed class DurableBenchmark : IBenchmark
{
    public string Name => "durable";

    public string Description => "durable engine: HelloSequence5 x500, fan-out 500, event round trip x200, requests per step, memory";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var counter = new RequestCounter();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [DurableTaskOptions.ConfigurationSection + ":hubName"] = "bench",
            [DurableTaskOptions.ConfigurationSection + ":storageProvider:partitionCount"] = "4",
        });
        builder.Services.AddDurableTask(builder.Configuration, options =>
        {
            options.MaxConcurrentActivityFunctions = 64;
            options.MaxConcurrentOrchestratorFunctions = 64;
            options.ConfigureStorageClient = client => client.AddPolicy(counter, HttpPipelinePosition.PerRetry);
            options.AddOrchestrator<HelloSequence5>();
            options.AddOrchestrator<FanOutFanIn>();
            options.AddOrchestrator<AwaitApproval>();
            options.AddActivity<SayHello>();
        });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        await RunWarmUpAsync(client, cancellationToken);

        const int sequences = 500;
        counter.Reset();
        var watch = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, sequences).Select(_ => client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence5), cancellation: cancellationToken)));
        await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id, cancellation: cancellationToken)));
        var sequenceSeconds = watch.Elapsed.TotalSeconds;
        var sequenceRequests = counter.Count;
        report.Add("HelloSequence5 throughput", sequences / sequenceSeconds, "orchestrations/s", $"{sequences} instances x 5 activities in {sequenceSeconds:0.0} s; goal >= 50");
        report.Add("storage requests per activity step", (double)sequenceRequests / (sequences * 5), "requests",
            $"{sequenceRequests} requests for {sequences * 5} steps, HelloSequence5, incl. start, polling; goal <= 6");
        report.Add("storage request rate during HelloSequence5", sequenceRequests / sequenceSeconds, "requests/s");

        const int width = 500;
        counter.Reset();
        watch.Restart();
        var fan = await client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), width, cancellation: cancellationToken);
        var fanResult = await client.WaitForInstanceCompletionAsync(fan, getInputsAndOutputs: true, cancellation: cancellationToken);
        var fanSeconds = watch.Elapsed.TotalSeconds;
        if (fanResult.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            throw new InvalidOperationException($"Fan-out ended {fanResult.RuntimeStatus}: {fanResult.FailureDetails}");
        report.Add("fan-out/fan-in throughput", width / fanSeconds, "activities/s", $"1 orchestration, {width} activities in {fanSeconds:0.0} s");
        report.Add("fan-out storage requests per activity", (double)counter.Count / width, "requests");

        const int waiting = 200;
        var waiters = await Task.WhenAll(Enumerable.Range(0, waiting).Select(_ => client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitApproval), cancellation: cancellationToken)));
        foreach (var id in waiters)
        {
            while ((await client.GetInstanceAsync(id, cancellation: cancellationToken))!.RuntimeStatus != OrchestrationRuntimeStatus.Running)
                await Task.Delay(20, cancellationToken);
        }
        var latencies = await RaiseAndWaitAsync(client, waiters, cancellationToken);
        Array.Sort(latencies);
        report.Add("event round trip p50", Percentile(latencies, 0.50), "ms", $"{waiting} waiting instances, events raised together, same process");
        report.Add("event round trip p95", Percentile(latencies, 0.95), "ms", "goal <= 500");

        report.Add("storage ceiling: queue sends, 64 at a time", await QueueSendCeilingAsync(azurite, cancellationToken), "requests/s",
            "what this Azurite on this machine serves at best; the engine's rates above are bounded by it");

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        report.Add("peak working set", self.PeakWorkingSet64 / (1024.0 * 1024.0), "MiB", "this process: engine, client and benchmark (Azurite is a separate process)");
        await host.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Runs every measured path often enough for the runtime (and Azurite's JavaScript engine) to finish compiling it,
    /// so that the measurements see a warm process, not a cold start.
    /// </summary>
    private static async Task RunWarmUpAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        const int instances = 64;
        var sequences = await Task.WhenAll(Enumerable.Range(0, instances)
            .Select(_ => client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence5), cancellation: cancellationToken)));
        var waiters = await Task.WhenAll(Enumerable.Range(0, instances)
            .Select(_ => client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitApproval), cancellation: cancellationToken)));
        await Task.WhenAll(sequences.Select(id => client.WaitForInstanceCompletionAsync(id, cancellation: cancellationToken)));
        await RaiseAndWaitAsync(client, waiters, cancellationToken);
        await WarmUp.SettleAsync(cancellationToken);
    }

    /// <summary>Raises the approval event to each waiting instance at once; each one's time from raise to completion.</summary>
    private static Task<double[]> RaiseAndWaitAsync(DurableTaskClient client, IEnumerable<string> waiters, CancellationToken cancellationToken) =>
        Task.WhenAll(waiters.Select(async id =>
        {
            var raised = Stopwatch.GetTimestamp();
            await client.RaiseEventAsync(id, "approval", "yes", cancellationToken);
            await client.WaitForInstanceCompletionAsync(id, cancellation: cancellationToken);
            return Stopwatch.GetElapsedTime(raised).TotalMilliseconds;
        }));

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

    private sealed class HelloSequence5 : TaskOrchestrator<object?, List<string>>
    {
        public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, object? input)
        {
            var results = new List<string>();
            foreach (var city in new[] { "Tokyo", "Seattle", "London", "Beijing", "Paris" })
                results.Add(await context.CallActivityAsync<string>(nameof(SayHello), city));
            return results;
        }
    }

    private sealed class FanOutFanIn : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int width)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<string>(nameof(SayHello), i.ToString())));
            return results.Length;
        }
    }

    private sealed class AwaitApproval : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => context.WaitForExternalEvent<string>("approval");
    }

    private sealed class SayHello : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string name) => Task.FromResult($"Hello {name}!");
    }
}
