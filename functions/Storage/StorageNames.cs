namespace Gonghui.Functions.Storage;

/// <summary>The tables, queues and blob containers one capability keeps its data in, declared once beside its services.</summary>
public sealed class StorageNames
{
    public IReadOnlyList<string> Tables { get; init; } = [];
    public IReadOnlyList<string> Queues { get; init; } = [];
    public IReadOnlyList<string> Containers { get; init; } = [];
}
