using Azure;
using Azure.Data.Tables;

namespace Gonghui.Functions.Registry.Stores;

/// <summary>
/// Who looked at a full national ID, in the table <see cref="TableName"/>: one partition per record, one row per
/// reveal keyed by its reveal id, so a retried reveal records once. Rows are never changed or deleted.
/// </summary>
public sealed class RevealAuditStore(TableServiceClient tables)
{
    public const string TableName = "RegistryReveals";
    public const string SingleReveal = "reveal";
    public const string Export = "export";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>Records the reveal; true when it was new, false when this reveal id was recorded already.</summary>
    public async Task<bool> RecordAsync(RevealAuditEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(entry.RecordId, entry.RevealId)
            {
                ["At"] = entry.At,
                ["ActorId"] = entry.ActorId,
                ["ActorName"] = entry.ActorName,
                ["Purpose"] = entry.Purpose,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The record's reveals, oldest first.</summary>
    public async Task<IReadOnlyList<RevealAuditEntry>> ListAsync(string recordId, CancellationToken cancellationToken)
    {
        var entries = new List<RevealAuditEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {recordId}"), cancellationToken: cancellationToken))
            entries.Add(new RevealAuditEntry(recordId, row.RowKey, row.GetDateTimeOffset("At")!.Value, row.GetString("ActorId")!, row.GetString("ActorName")!,
                row.GetString("Purpose")!));
        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.RevealId, StringComparer.Ordinal)];
    }
}
