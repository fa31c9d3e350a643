using System.Collections.Concurrent;
using Gonghui.Hosting.Functions;
using Gonghui.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gonghui.Durable.Tests;

/// <summary>
/// A generic host running the durable engine on the shared Azurite under its own task hub, with the test
/// assembly's orchestrator and activity functions, short polling, and a 1-second maximum timer visibility so long
/// timers are re-armed within a test. Fault-injection points reached are counted, and can be made to fail.
/// </summary>
public sealed class DurableTestHost : IAsyncLifetime
{
    private IHost? _host;

    /// <summary>Changes to the engine's settings, applied last.</summary>
    public Action<DurableTaskOptions>? Configure { get; init; }

    public ConcurrentDictionary<string, int> FaultPoints { get; } = new();

    /// <summary>Fault-injection points where the engine throws (the step at that point fails) while this says so.</summary>
    public Func<string, bool>? FailAt { get; set; }
    public DurableTaskClient Client => _host!.Services.GetRequiredService<DurableTaskClient>();
    public IServiceProvider Services => _host!.Services;
    public string HubName { get; } = "t" + Guid.NewGuid().ToString("N")[..12];
    public AzuriteServer Azurite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.GetSharedAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            [DurableTaskOptions.ConfigurationSection + ":hubName"] = HubName,
            [DurableTaskOptions.ConfigurationSection + ":storageProvider:partitionCount"] = "2",
            [DurableTaskOptions.ConfigurationSection + ":storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
            [DurableTaskOptions.ConfigurationSection + ":storageProvider:controlQueueVisibilityTimeout"] = "00:00:10",
            [DurableTaskOptions.ConfigurationSection + ":storageProvider:workItemQueueVisibilityTimeout"] = "00:00:10",
        });
        builder.Services.AddSingleton(FunctionCatalog.Discover(typeof(DurableTestHost).Assembly));
        builder.Services.AddDurableTask(builder.Configuration, options =>
        {
            options.MaxTimerVisibility = TimeSpan.FromSeconds(1);
            options.FaultInjection = point =>
            {
                FaultPoints.AddOrUpdate(point, 1, (_, n) => n + 1);
                if (FailAt?.Invoke(point) == true)
                    throw new InvalidOperationException($"Injected failure at {point}.");
            };
            options.AddOrchestrator<VersionedOne>("Versioned", "1.0");
            options.AddOrchestrator<VersionedTwo>("Versioned", "2.0");
            options.AddOrchestrator<MultiplyOrchestrator>();
            options.AddActivity<MultiplyActivity>();
            Configure?.Invoke(options);
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    public async Task<OrchestrationMetadata> RunAsync(TaskName name, object? input = null, StartOrchestrationOptions? options = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, options);
        return await CompleteAsync(id);
    }

    public async Task<OrchestrationMetadata> CompleteAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var status = await Client.GetInstanceAsync(instanceId);
            var history = await Client.GetOrchestrationHistoryAsync(instanceId);
            throw new TimeoutException($"Instance {instanceId} did not complete: {status?.RuntimeStatus}; history: " +
                string.Join(", ", history.Select(e => $"{e.EventType}#{e.EventId}/{e.TaskScheduledId}")));
        }
    }

    /// <summary>Polls until the condition holds on the instance's history (no fixed sleeps).</summary>
    public Task<IList<HistoryEvent>> WaitForHistoryAsync(string instanceId, Func<IList<HistoryEvent>, bool> condition) =>
        PollAsync(() => Client.GetOrchestrationHistoryAsync(instanceId), condition,
            history => $"History of {instanceId} never met the condition: {string.Join(", ", history.Select(h => h.EventType))}");

    /// <summary>
    /// Polls until the instances index lists exactly <paramref name="expected"/> under <paramref name="prefix"/>: the
    /// engine updates the index just after it commits an instance, so a finished wait can still find it behind.
    /// </summary>
    public Task WaitForIndexAsync(string prefix, IReadOnlyDictionary<string, OrchestrationRuntimeStatus> expected) =>
        PollAsync(
            async () => (await Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: prefix)).ToListAsync())
                .ToDictionary(m => m.InstanceId, m => m.RuntimeStatus),
            listed => listed.Count == expected.Count && expected.All(e => listed.GetValueOrDefault(e.Key) == e.Value),
            listed => $"The index under {prefix} lists {string.Join(", ", listed.Select(l => $"{l.Key}: {l.Value}"))}.");

    /// <summary>Reads until <paramref name="done"/> holds on what was read, for up to 30 s; then fails saying what it last read.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> describe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(describe(value));
            await Task.Delay(50);
        }
    }
}
