using Gonghui.Durable.Storage;
using Gonghui.Hosting.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.Durable.Worker;

/// <summary>Creates the task hub's tables and queues, then runs one dispatcher per control queue and the activity dispatcher.</summary>
internal sealed class DurableTaskWorkerService(TaskHub hub, OrchestrationProcessor processor, TaskRegistry registry, LocalQueueSignals signals,
    LocalActivities local, IServiceScopeFactory scopes, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await hub.EnsureCreatedAsync().WaitAsync(stoppingToken).ConfigureAwait(false);
        if (!hub.Options.EnableWorker)
            return;
        var logger = loggers.CreateLogger<DurableTaskWorkerService>();
        logger.LogInformation("Durable worker started on task hub {Hub} with {Partitions} control queues.", hub.Options.HubName, hub.ControlQueues.Length);
        var dispatchers = hub.ControlQueues
            .Select(queue => new ControlQueueDispatcher(queue, hub, processor, signals, time, logger).RunAsync(stoppingToken))
            .Append(new ActivityDispatcher(hub, registry, processor, signals, local, scopes, time, logger).RunAsync(stoppingToken));
        await Task.WhenAll(dispatchers).ConfigureAwait(false);
    }
}
