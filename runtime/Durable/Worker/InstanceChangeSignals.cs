using System.Collections.Concurrent;

namespace Gonghui.Durable.Worker;

/// <summary>
/// Tells local waiters (WaitForInstanceCompletionAsync) that this process committed a step of an instance, so they
/// need not poll its status. Waking queue pollers is the host's <see cref="Gonghui.Hosting.Queues.LocalQueueSignals"/>.
/// </summary>
internal sealed class InstanceChangeSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<OrchestrationRuntimeStatus>> _instances = new(StringComparer.Ordinal);

    /// <summary>Completes with the instance's new status the next time this process commits a step of it.</summary>
    public Task<OrchestrationRuntimeStatus> InstanceChanged(string instanceId) =>
        _instances.GetOrAdd(instanceId, _ => new TaskCompletionSource<OrchestrationRuntimeStatus>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void NotifyInstanceChanged(string instanceId, OrchestrationRuntimeStatus status)
    {
        if (_instances.TryRemove(instanceId, out var waiters))
            waiters.TrySetResult(status);
    }
}
