using System.Collections.Concurrent;

namespace Gonghui.Durable.Worker;

/// <summary>
/// In-process shortcuts that save polling: wake a queue's poller when this process sent to it, and tell local
/// waiters (WaitForInstanceCompletionAsync) that an instance changed.
/// </summary>
internal sealed class LocalSignals
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _instances = new(StringComparer.Ordinal);

    public void Wake(string queueName)
    {
        var signal = _queues.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    /// <summary>Waits until <see cref="Wake"/> is called for the queue or the timeout passes.</summary>
    public Task WaitAsync(string queueName, TimeSpan timeout, CancellationToken cancellationToken) =>
        _queues.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1)).WaitAsync(timeout, cancellationToken);

    public Task InstanceChanged(string instanceId) =>
        _instances.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void NotifyInstanceChanged(string instanceId)
    {
        if (_instances.TryRemove(instanceId, out var waiters))
            waiters.TrySetResult();
    }
}
