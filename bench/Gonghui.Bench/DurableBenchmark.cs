using System.Diagnostics;
using System.Text.Json;
using DurableTask.AzureStorage;
using Gonghui.Bench.Durable;
using Gonghui.LocalHost;
using Gonghui.LocalHost.Configuration;
using Gonghui.LocalHost.Durable;
using Gonghui.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Bench;

/// <summary>
/// Orchestrations on the Durable Task Framework's Azure Storage provider as the local host runs them (the repository's
/// host.json durableTask settings), on a fresh Azurite, with the local host in this process running the test app
/// (tests/Gonghui.LocalHost.TestApp): HelloSequence5 throughput, fan-out/fan-in throughput, external-event round trip
/// latency and peak memory, after a warm-up that runs each path.
/// </summary>
public sealed class DurableBenchmark : IBenchmark
{
    private const string HelloSequence5 = "HelloSequence";
    private const string FanOutFanIn = "FanOutFanIn";
    private const string AwaitApproval = "AwaitApproval";
    private const string ApprovalEvent = "Approval";

    public string Name => "durable";

    public string Description => "DTFx on Azurite: HelloSequence5 x500, fan-out 500, event round trip x200, memory";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["RecordTable"] = "benchrecords",
            ["NoOpQueue"] = "bench-noop",
            ["RecordQueue"] = "bench-record",
            ["TickSchedule"] = "0 0 0 1 1 *",
        })
            Environment.SetEnvironmentVariable(name, value);
        var appFolder = Path.GetDirectoryName(FunctionAppProcess.BuiltDll("tests/Gonghui.LocalHost.TestApp", "Gonghui.LocalHost.TestApp"))!;
        string[] args = ["--urls", "http://127.0.0.1:0", .. AppDurableSettings(), $"--{DurableTaskHubSettings.Section}:hubName=bench",
            $"--{FunctionAppSettings.HostSection}:logging:logLevel:default=Warning"];
        await using var app = LocalFunctionHost.Build(args, appFolder);
        await app.StartAsync(cancellationToken);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        var hub = app.Services.GetRequiredService<AzureStorageOrchestrationServiceSettings>();
        Console.WriteLine($"durableTask settings: partitions {hub.PartitionCount}, control batch {hub.ControlQueueBatchSize}, max polling {hub.MaxQueuePollingInterval}, " +
            $"extended sessions {hub.ExtendedSessionsEnabled}, orchestrations/activities at once {hub.MaxConcurrentTaskOrchestrationWorkItems}/{hub.MaxConcurrentTaskActivityWorkItems}");
        await RunWarmUpAsync(client, cancellationToken);

        const int sequences = 500;
        var watch = Stopwatch.StartNew();
        var ids = await StartAsync(client, HelloSequence5, "seq-", sequences, cancellationToken);
        await CompletionWatch.WaitAllAsync(client, "seq-", ids, cancellationToken);
        var sequenceSeconds = watch.Elapsed.TotalSeconds;
        report.Add("HelloSequence5 throughput", sequences / sequenceSeconds, "orchestrations/s", $"{sequences} instances x 5 activities in {sequenceSeconds:0.0} s; DTFx's ceiling here about 12");

        const int width = 500;
        watch.Restart();
        var fan = await client.ScheduleNewOrchestrationInstanceAsync(FanOutFanIn, width, cancellation: cancellationToken);
        var fanResult = await client.WaitForInstanceCompletionAsync(fan, getInputsAndOutputs: true, cancellation: cancellationToken);
        var fanSeconds = watch.Elapsed.TotalSeconds;
        if (fanResult.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            throw new InvalidOperationException($"Fan-out ended {fanResult.RuntimeStatus}: {fanResult.FailureDetails}");
        report.Add("fan-out/fan-in throughput", width / fanSeconds, "activities/s", $"1 orchestration, {width} activities in {fanSeconds:0.0} s");

        const int waiting = 200;
        var waiters = await StartAsync(client, AwaitApproval, "wait-", waiting, cancellationToken);
        foreach (var id in waiters)
            await client.WaitForInstanceStartAsync(id, cancellationToken);
        var latencies = await RaiseAndWaitAsync(client, "wait-", waiters, cancellationToken);
        Array.Sort(latencies);
        report.Add("event round trip p50", Percentile(latencies, 0.50), "ms",
            $"{waiting} waiting instances, events raised together, same process; completion seen by a 50 ms listing");
        report.Add("event round trip p95", Percentile(latencies, 0.95), "ms", "goal <= 1500");

        report.Add("storage ceiling: queue sends, 64 at a time", await QueueSendCeilingAsync(azurite, cancellationToken), "requests/s",
            "what this Azurite on this machine serves at best; the engine's rates above are bounded by it");

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        report.Add("peak working set", self.PeakWorkingSet64 / (1024.0 * 1024.0), "MiB", "this process: engine, client and benchmark (Azurite is a separate process)");
        await app.StopAsync(cancellationToken);
    }

    /// <summary>The app's host.json durableTask settings (the repository root's), as command-line settings of the host.</summary>
    private static IEnumerable<string> AppDurableSettings()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, FunctionAppSettings.HostJson)));
        return Flatten(hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask"), DurableTaskHubSettings.Section).ToList();

        static IEnumerable<string> Flatten(JsonElement element, string path) => element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().SelectMany(p => Flatten(p.Value, path + ":" + p.Name))
            : [$"--{path}={element.ToString()}"];
    }

    /// <summary>
    /// Runs every measured path often enough for the runtime (and Azurite's JavaScript engine) to finish compiling it,
    /// so that the measurements see a warm process, not a cold start.
    /// </summary>
    private static async Task RunWarmUpAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        const int instances = 64;
        var sequences = await StartAsync(client, HelloSequence5, "warm-seq-", instances, cancellationToken);
        var waiters = await StartAsync(client, AwaitApproval, "warm-wait-", instances, cancellationToken);
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
            await client.RaiseEventAsync(id, ApprovalEvent, "yes", cancellationToken);
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
}
