using System.Collections.Concurrent;

namespace Gonghui.LocalHost.Queues;

/// <summary>
/// Tells this process's idle queue pollers that this process just put a message on their queue, so they receive at
/// once instead of sleeping out their polling back-off (the function host's queue listeners; the Durable Task
/// Framework wakes its own pollers). Messages from other processes are still found by polling. A wake before anyone waits is kept for
/// the next wait, so a message sent while its poller is receiving is not slept through.
/// </summary>
public sealed class LocalQueueSignals
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _queues = new(StringComparer.Ordinal);

    public void Wake(string queueName)
    {
        var signal = Signal(queueName);
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

    /// <summary>Waits until <see cref="Wake"/> is called for the queue or the timeout passes; true when woken.</summary>
    public Task<bool> WaitAsync(string queueName, TimeSpan timeout, CancellationToken cancellationToken) =>
        Signal(queueName).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim Signal(string queueName) => _queues.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
}
