using System.Collections.Concurrent;
using Gonghui.Durable.Storage;

namespace Gonghui.Durable.Worker;

/// <summary>
/// Heads and histories of instances this process stepped last, so the next step needs no read: it commits against
/// the cached ETag and only reloads when that fails. Bounded: when full, the oldest half is dropped.
/// </summary>
internal sealed class InstanceCache(DurableTaskOptions options)
{
    private readonly ConcurrentDictionary<string, (long Stamp, LoadedInstance Instance)> _entries = new(StringComparer.Ordinal);
    private long _clock;

    public LoadedInstance? TryGet(string instanceId) =>
        _entries.TryGetValue(instanceId, out var entry) ? entry.Instance : null;

    public void Set(string instanceId, LoadedInstance instance)
    {
        _entries[instanceId] = (Interlocked.Increment(ref _clock), instance);
        if (_entries.Count > options.InstanceCacheSize)
            Trim();
    }

    public void Remove(string instanceId) => _entries.TryRemove(instanceId, out _);

    private void Trim()
    {
        foreach (var old in _entries.OrderBy(e => e.Value.Stamp).Take(_entries.Count / 2).ToList())
            _entries.TryRemove(old.Key, out _);
    }
}
