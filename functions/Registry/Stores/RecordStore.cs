using System.Globalization;
using Azure.Data.Tables;
using Gonghui.Functions.Json;
using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Stores;

/// <summary>
/// Records in the table <see cref="TableName"/>, one partition per record (its id): the record row ("record|id",
/// the only place the full national ID is kept, beside its keyed hash) and one history row per change ("h-000001|id",
/// never deleted). A change replaces the record row under the ETag it was read with and adds its history row in one
/// entity-group transaction, so a record and its history never disagree and of two concurrent changes one wins.
/// Row keys end with the record id because Azurite looks rows up by RowKey first (a key every partition shares would
/// make each point read scan the table).
/// </summary>
public sealed class RecordStore(TableServiceClient tables)
{
    public const string TableName = "RegistryRecords";
    private const string RecordRowPrefix = "record|";
    private const string HistoryRowPrefix = "h-";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>Stores a new record (version 1) with its first history entry; null when the record exists already.</summary>
    public async Task<StoredRecord?> CreateAsync(ModelWorkerRecord record, string nationalIdHash, RegistryHistoryEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, RecordEntity(record, nationalIdHash)),
                new(TableTransactionActionType.Add, HistoryEntity(record.Id, entry)),
            ], cancellationToken);
            return new StoredRecord(record, response.Value[0].Headers.ETag!.Value);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<StoredRecord?> GetAsync(string recordId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(recordId, RecordRow(recordId), ["Record"], cancellationToken);
        return row.HasValue ? new StoredRecord(AppJson.Deserialize<ModelWorkerRecord>(row.Value!.GetString("Record")!), row.Value.ETag) : null;
    }

    /// <summary>
    /// Writes the next version and its history entry if the record is still as read; else <see cref="RecordConcurrencyException"/>.
    /// </summary>
    public async Task<StoredRecord> UpdateAsync(StoredRecord current, ModelWorkerRecord next, string nationalIdHash, RegistryHistoryEntry entry,
        CancellationToken cancellationToken)
    {
        if (next.Version != current.Record.Version + 1 || entry.Sequence != next.Version)
            throw new ArgumentException("The next version and its entry follow the current version.", nameof(next));
        try
        {
            var response = await _table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpdateReplace, RecordEntity(next, nationalIdHash), current.ETag),
                new(TableTransactionActionType.Add, HistoryEntity(next.Id, entry)),
            ], cancellationToken);
            return new StoredRecord(next, response.Value[0].Headers.ETag!.Value);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            throw new RecordConcurrencyException(current.Record.Id);
        }
    }

    /// <summary>Every change of the record, oldest first.</summary>
    public async Task<IReadOnlyList<RegistryHistoryEntry>> GetHistoryAsync(string recordId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {recordId} and RowKey gt {HistoryRowPrefix} and RowKey lt {"h."}");
        var entries = new List<RegistryHistoryEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["Entry"], cancellationToken: cancellationToken))
            entries.Add(AppJson.Deserialize<RegistryHistoryEntry>(row.GetString("Entry")!));
        return entries;
    }

    private static string RecordRow(string recordId) => RecordRowPrefix + recordId;

    private static string HistoryRow(string recordId, int sequence) =>
        HistoryRowPrefix + sequence.ToString("D6", CultureInfo.InvariantCulture) + "|" + recordId;

    private static TableEntity RecordEntity(ModelWorkerRecord record, string nationalIdHash) => new(record.Id, RecordRow(record.Id))
    {
        ["Record"] = AppJson.Serialize(record),
        ["NationalIdHash"] = nationalIdHash,
        ["Version"] = record.Version,
    };

    private static TableEntity HistoryEntity(string recordId, RegistryHistoryEntry entry) => new(recordId, HistoryRow(recordId, entry.Sequence))
    {
        ["Entry"] = AppJson.Serialize(entry),
    };
}
