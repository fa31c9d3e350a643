namespace Gonghui.LocalHost.Queues;

/// <summary>
/// Azure Functions' randomized exponential back-off for idle queues: after an empty receive the wait roughly doubles
/// (±20 %) from <see cref="QueuesOptions.MinPollingInterval"/> up to the maximum; a receive that finds messages resets it.
/// </summary>
internal sealed class PollingBackoff(TimeSpan maximum)
{
    private TimeSpan _current = TimeSpan.Zero;

    public TimeSpan NextIdleDelay()
    {
        var doubled = _current == TimeSpan.Zero
            ? QueuesOptions.MinPollingInterval * 2
            : _current * 2 * (0.8 + Random.Shared.NextDouble() * 0.4);
        _current = doubled > maximum ? maximum : doubled;
        return _current;
    }

    public void Reset() => _current = TimeSpan.Zero;
}
