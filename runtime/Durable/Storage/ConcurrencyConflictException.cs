namespace Gonghui.Durable.Storage;

/// <summary>Another step committed to the instance first (its head ETag changed); reload and try again.</summary>
internal sealed class ConcurrencyConflictException(string instanceId, Exception inner)
    : Exception($"Instance '{instanceId}' changed while this step ran.", inner);
