using System.Collections.Concurrent;

namespace Gonghui.Hosting.Queues;

/// <summary>
/// Tells this process's idle queue listeners that this process just put a message on their queue, so they receive at
/// once instead of sleeping out their polling back-off. Messages from other processes are still found by polling.
/// </summary>
public sealed class LocalQueueSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _next = new(StringComparer.Ordinal);

    /// <summary>
    /// A task that completes at the next <see cref="Notify"/> for the queue. Take it before receiving: a message sent
    /// while the receive runs then still wakes the wait that follows an empty receive.
    /// </summary>
    public Task NextSend(string queueName) => Source(queueName).Task;

    public void Notify(string queueName)
    {
        while (true)
        {
            var current = Source(queueName);
            if (_next.TryUpdate(queueName, NewSource(), current))
            {
                current.TrySetResult();
                return;
            }
        }
    }

    private TaskCompletionSource Source(string queueName) => _next.GetOrAdd(queueName, _ => NewSource());

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
