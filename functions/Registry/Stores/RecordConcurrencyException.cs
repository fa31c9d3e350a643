namespace Gonghui.Functions.Registry.Stores;

/// <summary>The record changed since it was read: its ETag no longer matches (HTTP 412 for a client's If-Match).</summary>
public sealed class RecordConcurrencyException(string recordId)
    : Exception($"Registry record {recordId} was changed by someone else since it was read.")
{
    public string RecordId { get; } = recordId;
}
