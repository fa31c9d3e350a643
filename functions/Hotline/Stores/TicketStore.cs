using System.Globalization;
using Azure;
using Gonghui.Storage.Tables;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// Tickets in the table <see cref="TableName"/>, one partition per ticket: the snapshot row ("ticket") and one row
/// per history entry ("h-000001", ...) holding the entry and the snapshot it produced. A change writes the new
/// snapshot (under the old one's ETag) and its entry in one entity-group transaction, so a ticket's state and its
/// history never disagree, and of two concurrent changes exactly one wins.
/// </summary>
public sealed class TicketStore(TableServiceClient tables)
{
    public const string TableName = "HotlineTickets";
    private const string SnapshotRow = "ticket";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private Task? _created;

    /// <summary>Stores a new ticket with its first entry; false when a ticket with this id already exists.</summary>
    public async Task<bool> CreateAsync(Ticket ticket, TicketHistoryEntry entry, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, SnapshotEntity(ticket)),
                new(TableTransactionActionType.Add, EntryEntity(ticket, entry)),
            ], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredTicket?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync(id, SnapshotRow, cancellationToken: cancellationToken);
        return row.HasValue ? new StoredTicket(HotlineJson.Deserialize<Ticket>(row.Value!.GetString("Snapshot")!), row.Value.ETag) : null;
    }

    /// <summary>Writes the change (new snapshot and its entry) if the ticket is still as read; else <see cref="TicketConcurrencyException"/>.</summary>
    public async Task<StoredTicket> UpdateAsync(StoredTicket current, Ticket next, TicketHistoryEntry entry, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            var response = await _table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpdateReplace, SnapshotEntity(next), current.ETag),
                new(TableTransactionActionType.Add, EntryEntity(next, entry)),
            ], cancellationToken);
            return new StoredTicket(next, response.Value[0].ETag);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            throw new TicketConcurrencyException(current.Ticket.Id);
        }
    }

    public async Task<IReadOnlyList<TicketHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var entries = new List<TicketHistoryEntry>();
        var filter = TableOdataFilter.Create($"PartitionKey eq {id} and RowKey gt {"h-"} and RowKey lt {"h."}");
        await foreach (var row in _table.QueryAsync(filter, select: ["Entry"], cancellationToken: cancellationToken))
        {
            entries.Add(HotlineJson.Deserialize<TicketHistoryEntry>(row.GetString("Entry")!));
        }

        return entries;
    }

    /// <summary>History entry <paramref name="version"/> and the snapshot it produced; null when there is no such entry.</summary>
    public async Task<(Ticket Snapshot, TicketHistoryEntry Entry)?> GetVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync(id, EntryRow(version), ["Snapshot", "Entry"], cancellationToken);
        return row.HasValue
            ? (HotlineJson.Deserialize<Ticket>(row.Value!.GetString("Snapshot")!), HotlineJson.Deserialize<TicketHistoryEntry>(row.Value.GetString("Entry")!))
            : null;
    }

    private static TableEntity SnapshotEntity(Ticket ticket) => new(ticket.Id, SnapshotRow)
    {
        ["Snapshot"] = HotlineJson.Serialize(ticket),
        ["Version"] = ticket.Version,
    };

    private static TableEntity EntryEntity(Ticket ticket, TicketHistoryEntry entry) => new(ticket.Id, EntryRow(entry.Sequence))
    {
        ["Entry"] = HotlineJson.Serialize(entry),
        ["Snapshot"] = HotlineJson.Serialize(ticket),
    };

    private static string EntryRow(int sequence) => "h-" + sequence.ToString("D6", CultureInfo.InvariantCulture);

    private Task EnsureTableAsync(CancellationToken cancellationToken) => _created ??= _table.CreateIfNotExistsAsync(cancellationToken);
}
