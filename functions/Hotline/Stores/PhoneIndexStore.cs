using System.Globalization;
using Gonghui.Storage.Tables;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// Tickets by the keyed hash of the caller's phone (never the number) in <see cref="TableName"/>: PartitionKey the
/// hash, RowKey receipt ticks and id, so the duplicate check reads one partition's recent rows.
/// </summary>
public sealed class PhoneIndexStore(TableServiceClient tables)
{
    public const string TableName = "HotlinePhoneIndex";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private Task? _created;

    public async Task AddAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        await (_created ??= _table.CreateIfNotExistsAsync(cancellationToken));
        await _table.UpsertEntityAsync(new TableEntity(ticket.PhoneHash, RowKey(ticket.ReceivedAt, ticket.Id))
        {
            ["TicketId"] = ticket.Id,
            ["Category"] = WireNames<TicketCategory>.Of(ticket.Category),
            ["ReceivedAt"] = ticket.ReceivedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Tickets with this phone hash received within <paramref name="window"/> before <paramref name="receivedAt"/>.</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> RecentAsync(string phoneHash, DateTimeOffset receivedAt, TimeSpan window,
        CancellationToken cancellationToken)
    {
        await (_created ??= _table.CreateIfNotExistsAsync(cancellationToken));
        var filter = TableOdataFilter.Create(
            $"PartitionKey eq {phoneHash} and RowKey ge {RowKey(receivedAt - window, "")} and RowKey le {RowKey(receivedAt, "~")}");
        var candidates = new List<DuplicateCandidate>();
        await foreach (var row in _table.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            if (WireNames<TicketCategory>.TryParse(row.GetString("Category"), out var category))
            {
                candidates.Add(new DuplicateCandidate(row.GetString("TicketId")!, phoneHash, category, row.GetDateTimeOffset("ReceivedAt")!.Value, null));
            }
        }

        return candidates;
    }

    private static string RowKey(DateTimeOffset at, string ticketId) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + ticketId;
}
