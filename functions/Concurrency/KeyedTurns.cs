using System.Collections.Concurrent;

namespace Gonghui.Functions.Concurrency;

/// <summary>
/// Callers of one key take turns within this process (one at a time per key, keys independent), so writers of one
/// storage row do not lose ETag races to each other in the same instance. Other instances still race; ETags decide.
/// </summary>
public sealed class KeyedTurns
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    /// <summary>Waits for the key's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> TakeAsync(string key, CancellationToken cancellationToken)
    {
        var turn = _turns.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private SemaphoreSlim? _turn = turn;

        public void Dispose() => Interlocked.Exchange(ref _turn, null)?.Release();
    }
}
