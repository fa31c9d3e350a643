using DurableTask.AzureStorage;
using DurableTask.Core;
using Gonghui.LocalHost.Functions;
using Gonghui.LocalHost.AppLoading;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Durable;

/// <summary>
/// Runs the app's [OrchestrationTrigger] and [ActivityTrigger] functions on a Durable Task Framework
/// <see cref="TaskHubWorker"/> over the shared <see cref="AzureStorageOrchestrationService"/>, each wrapped by the
/// official SDK's <see cref="DurableTaskShimFactory"/> as the Durable Task SDK's own worker does. Creates the task hub's
/// tables and queues if they are missing.
/// </summary>
internal sealed class DurableTaskWorkerHost(
    AzureStorageOrchestrationService service,
    FunctionCatalog catalog,
    FunctionApp app,
    FunctionInvoker invoker,
    DataConverter converter,
    ILoggerFactory loggers) : IHostedService
{
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggers);
        var worker = new TaskHubWorker(service, loggers);
        foreach (var function in catalog.WithTrigger<OrchestrationTrigger>())
        {
            FunctionOrchestrator.Check(function);
            var orchestrator = new FunctionOrchestrator(function, app.Services, converter, loggers);
            worker.AddTaskOrchestrations(new TaskObjectCreator<TaskOrchestration>(function.Name,
                () => shims.CreateOrchestration(function.Name, orchestrator)));
        }
        foreach (var function in catalog.WithTrigger<ActivityTrigger>())
        {
            var activity = new FunctionActivity(function, invoker);
            worker.AddTaskActivities(new TaskObjectCreator<TaskActivity>(function.Name, () => shims.CreateActivity(function.Name, activity)));
        }
        await service.CreateIfNotExistsAsync();
        await worker.StartAsync();
        _worker = worker;
    }

    /// <summary>
    /// Drains and releases the control-queue leases. The Durable Task Framework waits up to ten minutes for the release,
    /// forced or not, so when storage no longer answers (Azurite stopped first) it would hold the process that long:
    /// once the host's shutdown timeout has passed, this stops waiting. The leases then expire and another instance
    /// takes the partitions over, as after a crash.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not { } worker)
            return;
        try
        {
            await worker.StopAsync(isForced: false).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            loggers.CreateLogger<DurableTaskWorkerHost>().LogWarning(
                "The durable task worker did not release its leases within the shutdown timeout; they will expire");
        }
    }
}
