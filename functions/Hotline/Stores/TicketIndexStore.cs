using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>
/// The query side of tickets, kept in step with the snapshots by the ticket-changed queue function:
/// <list type="bullet">
/// <item>the list index (<see cref="ListTable"/>): one row per ticket (RowKey = inverted receipt ticks, so newest first),
/// with the filterable columns, spread over <see cref="ListBuckets"/> partitions by ticket id so that intake does not
/// write to one partition key; a list page merges the buckets' newest rows. A row is only replaced by a newer version
/// of its ticket;</item>
/// <item>the SLA due index (<see cref="DueTable"/>): one row per ticket at its next SLA check instant, so the timer
/// reads a key range instead of every ticket. A stale due row is harmless: the timer re-evaluates and drops it.</item>
/// </list>
/// </summary>
public sealed class TicketIndexStore(TableServiceClient tables)
{
    public const string ListTable = "HotlineTicketIndex";
    public const string DueTable = "HotlineSlaDue";
    public const int MaxPageSize = 200;
    public const int ListBuckets = 4;
    private const string DuePartition = "due";

    private readonly TableClient _list = tables.GetTableClient(ListTable);
    private readonly TableClient _due = tables.GetTableClient(DueTable);

    /// <summary>Brings the ticket's index rows to this snapshot unless a newer one is indexed already.</summary>
    public async Task IndexAsync(Ticket ticket, DateTimeOffset? nextCheckAt, CancellationToken cancellationToken)
    {
        var partition = ListPartition(ticket.Id);
        var rowKey = ListRowKey(ticket.ReceivedAt, ticket.Id);
        var dueRow = nextCheckAt is { } at ? DueRowKey(at, ticket.Id) : null;
        var entity = ListEntity(ticket, partition, rowKey, dueRow);
        // The due row first: a list row never names a due row that was not written.
        if (dueRow is not null)
        {
            await _due.UpsertEntityAsync(new TableEntity(DuePartition, dueRow) { ["TicketId"] = ticket.Id }, TableUpdateMode.Replace, cancellationToken);
        }

        try
        {
            // Most writes index a ticket for the first time: add without reading first.
            await _list.AddEntityAsync(entity, cancellationToken);
            return;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }

        while (true)
        {
            var existing = await _list.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, ["Version", "DueRow"], cancellationToken);
            if (existing.Value!.GetInt32("Version") >= ticket.Version)
            {
                return;
            }

            try
            {
                await _list.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                continue;
            }

            if (existing.Value!.GetString("DueRow") is { Length: > 0 } oldDue && oldDue != dueRow)
            {
                await DeleteDueAsync(oldDue, cancellationToken);
            }

            return;
        }
    }

    /// <summary>Due rows at or before <paramref name="now"/>: (row key, ticket id), oldest first.</summary>
    public async Task<IReadOnlyList<(string RowKey, string TicketId)>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DuePartition} and RowKey lt {DueRowKey(now, "~")}");
        var due = new List<(string, string)>();
        // A projection returns only the columns it names, keys included.
        await foreach (var row in _due.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), select: ["RowKey", "TicketId"], cancellationToken: cancellationToken))
        {
            due.Add((row.RowKey, row.GetString("TicketId")!));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>Deletes a due row; one already gone is not an error (the SDK's delete does not fail on a missing entity).</summary>
    public Task DeleteDueAsync(string rowKey, CancellationToken cancellationToken) =>
        _due.DeleteEntityAsync(DuePartition, rowKey, cancellationToken: cancellationToken);

    public static string DueRowKey(DateTimeOffset at, string ticketId) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + ticketId;

    /// <summary>
    /// A page of the list, newest first: each bucket's first <see cref="TicketListQuery.PageSize"/> matching rows after
    /// the previous page, merged. The continuation token is the row key of the page's last row (row keys are unique and
    /// ordered across buckets); null when no bucket has more.
    /// </summary>
    public async Task<(IReadOnlyList<TicketSummary> Items, string? ContinuationToken)> ListAsync(
        TicketListQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clauses = new List<string>();
        if (query.ContinuationToken is { } after)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (query.Status is { } status)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Status eq {WireNames<TicketStatus>.Of(status)}"));
        }

        if (query.RegionCode is { } region)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RegionCode eq {region}"));
        }

        if (query.Category is { } category)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Category eq {WireNames<TicketCategory>.Of(category)}"));
        }

        if (query.UnitId is { } unit)
        {
            clauses.Add(TableClient.CreateQueryFilter($"UnitId eq {unit}"));
        }

        // Newest first: a later receipt has a smaller row key.
        if (query.To is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {ListRowKey(ChinaStandardTime.FromLocal(to.AddDays(1), TimeOnly.MinValue), "")}"));
        }

        if (query.From is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey lt {ListRowKey(ChinaStandardTime.FromLocal(from, TimeOnly.MinValue), "~")}"));
        }

        if (query.Overdue is true)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Open eq {true} and ResolutionDueAt lt {now}"));
        }
        else if (query.Overdue is false)
        {
            clauses.Add(TableClient.CreateQueryFilter($"(Open eq {false} or ResolutionDueAt ge {now} or PausedOrStopped eq {true})"));
        }

        var buckets = await Task.WhenAll(Enumerable.Range(0, ListBuckets).Select(bucket =>
            FirstRowsAsync(string.Join(" and ", clauses.Prepend(TableClient.CreateQueryFilter($"PartitionKey eq {BucketPartition(bucket)}"))
                .Select(clause => "(" + clause + ")")), query.PageSize, cancellationToken)));
        var page = buckets.SelectMany(rows => rows).OrderBy(row => row.RowKey, StringComparer.Ordinal).Take(query.PageSize).ToList();
        var more = buckets.Any(rows => rows.Count == query.PageSize) || buckets.Sum(rows => rows.Count) > page.Count;
        return (page.Select(row => Summary(row, now)).ToList(), more && page.Count > 0 ? page[^1].RowKey : null);
    }

    /// <summary>The first <paramref name="count"/> rows of a bucket that match, in row key order.</summary>
    private async Task<List<TableEntity>> FirstRowsAsync(string filter, int count, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>(count);
        await foreach (var row in _list.QueryAsync<TableEntity>(filter, count, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count == count)
                break;
        }
        return rows;
    }

    private static TableEntity ListEntity(Ticket ticket, string partition, string rowKey, string? dueRow)
    {
        var open = ticket.Status is TicketStatus.Received or TicketStatus.Assigned or TicketStatus.InProgress && ticket.MergedInto is null;
        var entity = new TableEntity(partition, rowKey)
        {
            ["TicketId"] = ticket.Id,
            ["Number"] = ticket.Number.ToString(),
            ["Status"] = WireNames<TicketStatus>.Of(ticket.Status),
            ["RegionCode"] = ticket.RegionCode,
            ["Category"] = WireNames<TicketCategory>.Of(ticket.Category),
            ["Urgency"] = WireNames<TicketUrgency>.Of(ticket.Intake.Urgency),
            ["UnitId"] = ticket.UnitId ?? "",
            ["Subject"] = ticket.Intake.Subject,
            ["ReceivedAt"] = ticket.ReceivedAt,
            ["Open"] = open,
            ["PausedOrStopped"] = ticket.ResolutionClock.DueAt is null || !ticket.ResolutionClock.IsRunning,
            ["Version"] = ticket.Version,
            ["DueRow"] = dueRow ?? "",
        };
        // An absent due instant never matches "ResolutionDueAt lt now", so paused tickets are not overdue.
        if (ticket.ResolutionClock.IsRunning && ticket.ResolutionClock.DueAt is { } due)
        {
            entity["ResolutionDueAt"] = due;
        }

        return entity;
    }

    private static TicketSummary Summary(TableEntity row, DateTimeOffset now)
    {
        if (!WireNames<TicketStatus>.TryParse(row.GetString("Status"), out var status)
            || !WireNames<TicketCategory>.TryParse(row.GetString("Category"), out var category)
            || !WireNames<TicketUrgency>.TryParse(row.GetString("Urgency"), out var urgency))
            throw new InvalidDataException($"Index row {row.RowKey} has an unknown status, category or urgency.");
        var due = row.GetDateTimeOffset("ResolutionDueAt");
        return new TicketSummary(
            row.GetString("TicketId")!,
            row.GetString("Number")!,
            status,
            row.GetString("RegionCode")!,
            category,
            urgency,
            row.GetString("UnitId") is { Length: > 0 } unit ? unit : null,
            row.GetString("Subject") ?? "",
            row.GetDateTimeOffset("ReceivedAt")!.Value,
            due,
            row.GetBoolean("Open") == true && due < now,
            row.GetInt32("Version") ?? 0);
    }

    /// <summary>The list partition of a ticket: a bucket by a stable hash of its id (FNV-1a).</summary>
    public static string ListPartition(string ticketId)
    {
        var hash = 2166136261u;
        foreach (var c in ticketId)
            hash = (hash ^ c) * 16777619u;
        return BucketPartition((int)(hash % ListBuckets));
    }

    private static string BucketPartition(int bucket) => "tickets-" + bucket.ToString(CultureInfo.InvariantCulture);

    private static string ListRowKey(DateTimeOffset receivedAt, string ticketId) =>
        (DateTimeOffset.MaxValue.UtcTicks - receivedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + ticketId;
}
