namespace Gonghui.Durable.Engine;

/// <summary>
/// Runs every continuation of orchestrator code on the replaying thread, one at a time, in the order they were
/// posted, so replay is single-threaded and deterministic. Continuations posted after a step ended (code that
/// awaited real I/O) are never run.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private const int MaxContinuationsPerStep = 1_000_000;
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_queue)
            _queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    public void Drain()
    {
        for (var i = 0; i < MaxContinuationsPerStep; i++)
        {
            (SendOrPostCallback Callback, object? State) next;
            lock (_queue)
            {
                if (!_queue.TryDequeue(out next))
                    return;
            }
            next.Callback(next.State);
        }
        throw new InvalidOperationException("The orchestrator keeps posting continuations without waiting on durable work.");
    }
}
