using System.Globalization;
using Azure.Data.Tables;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Json;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>
/// Tickets in the table <see cref="TableName"/>, one partition per ticket: the snapshot row ("ticket|id", with the entry
/// that made it) and one row per history entry ("h-000001|id", ...) holding the entry and the snapshot it produced. A change writes the new
/// snapshot (under the old one's ETag) and its entry in one entity-group transaction, so a ticket's state and its
/// history never disagree, and of two concurrent changes exactly one wins. The same transaction writes the change's
/// <see cref="TicketOutbox"/> row, so a committed change is announced even if the process dies before queueing it.
/// Row keys end with the ticket id although the partition already names it: Azurite looks a row up by its RowKey
/// first, so a RowKey every partition shares ("ticket") made each point read and insert scan the whole table.
/// </summary>
public sealed class TicketStore(TableServiceClient tables)
{
    public const string TableName = "HotlineTickets";
    /// <summary>A snapshot row's key is this prefix followed by the ticket id.</summary>
    public const string SnapshotRowPrefix = "ticket|";
    private const string IntakeBodyHashColumn = "IntakeBodyHash";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>
    /// Stores a new ticket with its first entry, which keeps <paramref name="intakeBodyHash"/> (the fingerprint of the
    /// request that opened it), and its outbox row; false when a ticket with this id already exists.
    /// </summary>
    public async Task<bool> CreateAsync(Ticket ticket, TicketHistoryEntry entry, string intakeBodyHash, CancellationToken cancellationToken)
    {
        var first = EntryEntity(ticket, entry);
        first[IntakeBodyHashColumn] = intakeBodyHash;
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, SnapshotEntity(ticket, entry)),
                new(TableTransactionActionType.Add, first),
                new(TableTransactionActionType.Add, TicketOutbox.Row(ticket.Id, ticket.Version, entry.At)),
            ], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>An existing ticket as it is now, with the fingerprint of the request that opened it.</summary>
    public async Task<OpenedTicket> GetOpenedAsync(string id, CancellationToken cancellationToken)
    {
        var current = await GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Ticket {id} has no snapshot.");
        var first = await _table.GetEntityIfExistsAsync<TableEntity>(id, EntryRow(id, 1), [IntakeBodyHashColumn], cancellationToken);
        return new OpenedTicket(current.Ticket, first.HasValue ? first.Value!.GetString(IntakeBodyHashColumn) : null);
    }

    public async Task<StoredTicket?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(id, SnapshotRow(id), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var entry = AppJson.DeserializeOptional<TicketHistoryEntry>(row.Value!.GetString("Entry"));
        return new StoredTicket(AppJson.Deserialize<Ticket>(row.Value.GetString("Snapshot")!), row.Value.ETag, entry);
    }

    /// <summary>
    /// Writes the change (new snapshot and its entry, and with <paramref name="announced"/> its outbox row) if the
    /// ticket is still as read; else <see cref="TicketConcurrencyException"/>.
    /// </summary>
    public async Task<StoredTicket> UpdateAsync(StoredTicket current, Ticket next, TicketHistoryEntry entry, bool announced,
        CancellationToken cancellationToken)
    {
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, SnapshotEntity(next, entry), current.ETag),
            new(TableTransactionActionType.Add, EntryEntity(next, entry)),
        ];
        if (announced)
            actions.Add(new(TableTransactionActionType.Add, TicketOutbox.Row(next.Id, next.Version, entry.At)));
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            return new StoredTicket(next, response.Value[0].Headers.ETag!.Value, entry);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
        {
            throw new TicketConcurrencyException(current.Ticket.Id);
        }
    }

    public async Task<IReadOnlyList<TicketHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var entries = new List<TicketHistoryEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey gt {"h-"} and RowKey lt {"h."}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["Entry"], cancellationToken: cancellationToken))
        {
            entries.Add(AppJson.Deserialize<TicketHistoryEntry>(row.GetString("Entry")!));
        }

        return entries;
    }

    /// <summary>History entry <paramref name="version"/> and the snapshot it produced; null when there is no such entry.</summary>
    public async Task<(Ticket Snapshot, TicketHistoryEntry Entry)?> GetVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(id, EntryRow(id, version), ["Snapshot", "Entry"], cancellationToken);
        return row.HasValue
            ? (AppJson.Deserialize<Ticket>(row.Value!.GetString("Snapshot")!), AppJson.Deserialize<TicketHistoryEntry>(row.Value.GetString("Entry")!))
            : null;
    }

    private static TableEntity SnapshotEntity(Ticket ticket, TicketHistoryEntry entry) => new(ticket.Id, SnapshotRow(ticket.Id))
    {
        ["Snapshot"] = AppJson.Serialize(ticket),
        ["Entry"] = AppJson.Serialize(entry),
        ["Version"] = ticket.Version,
    };

    private static TableEntity EntryEntity(Ticket ticket, TicketHistoryEntry entry) => new(ticket.Id, EntryRow(ticket.Id, entry.Sequence))
    {
        ["Entry"] = AppJson.Serialize(entry),
        ["Snapshot"] = AppJson.Serialize(ticket),
    };

    private static string SnapshotRow(string id) => SnapshotRowPrefix + id;

    private static string EntryRow(string id, int sequence) => "h-" + sequence.ToString("D6", CultureInfo.InvariantCulture) + "|" + id;

}
