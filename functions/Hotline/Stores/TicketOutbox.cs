using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Gonghui.Functions.Hotline.Services;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>
/// The ticket changes still to be announced, as rows of the tickets table: <see cref="TicketStore"/> writes a change's
/// row ("outbox|000003|id") in the same entity-group transaction as the change, the change is queued after the commit,
/// and its follow-up removes the row once done. A row left behind (the process died between commit and queue, or the
/// follow-up never finished) is found by <see cref="TicketOutboxSweepFunction"/> and announced again.
/// </summary>
public sealed class TicketOutbox(TableServiceClient tables)
{
    private const string RowPrefix = "outbox|";
    private const string AtColumn = "At";
    private const string SweepsColumn = "Sweeps";

    private readonly TableClient _table = tables.GetTableClient(TicketStore.TableName);

    /// <summary>The row announcing version <paramref name="version"/> of ticket <paramref name="ticketId"/>, changed at <paramref name="at"/>.</summary>
    public static TableEntity Row(string ticketId, int version, DateTimeOffset at) => new(ticketId, RowKey(ticketId, version))
    {
        [AtColumn] = at,
        [SweepsColumn] = 0,
    };

    /// <summary>The change is followed up: its row goes (a row already gone is fine).</summary>
    public async Task AcknowledgeAsync(TicketChange change, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(change.TicketId, RowKey(change.TicketId, change.Version), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>
    /// Changes made before <paramref name="before"/> and still not followed up, swept fewer than
    /// <paramref name="maxSweeps"/> times. This filters the whole table on the row key prefix: the sweep runs once a
    /// minute and outbox rows live for seconds, so it reads few rows, but the service scans every partition.
    /// </summary>
    public async Task<IReadOnlyList<(TicketChange Change, int Sweeps, ETag ETag)>> UnacknowledgedAsync(DateTimeOffset before, int maxSweeps,
        int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {RowPrefix} and RowKey lt {"outbox}"} and At lt {before} and Sweeps lt {maxSweeps}");
        var found = new List<(TicketChange, int, ETag)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: max, select: ["PartitionKey", "RowKey", SweepsColumn], cancellationToken: cancellationToken))
        {
            found.Add((new TicketChange(row.PartitionKey, VersionOf(row.RowKey)), row.GetInt32(SweepsColumn) ?? 0, row.ETag));
            if (found.Count == max) break;
        }

        return found;
    }

    /// <summary>
    /// Counts one more sweep of the row and restarts its grace period at <paramref name="now"/>; false when someone
    /// else changed or removed it since it was read.
    /// </summary>
    public async Task<bool> RecordSweepAsync(TicketChange change, int sweeps, ETag etag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var row = new TableEntity(change.TicketId, RowKey(change.TicketId, change.Version)) { [SweepsColumn] = sweeps + 1, [AtColumn] = now };
            await _table.UpdateEntityAsync(row, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    private static string RowKey(string ticketId, int version) =>
        RowPrefix + version.ToString("D6", CultureInfo.InvariantCulture) + "|" + ticketId;

    private static int VersionOf(string rowKey) =>
        int.Parse(rowKey.AsSpan(RowPrefix.Length, 6), CultureInfo.InvariantCulture);
}
