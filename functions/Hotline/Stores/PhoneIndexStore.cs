using Azure;
using Azure.Data.Tables;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Json;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>
/// Recent tickets by the keyed hash of the caller's phone (never the number) in <see cref="TableName"/>: one row per
/// hash holding the tickets received within the duplicate window, so the duplicate check is one point read and
/// recording a ticket one conditional write (under the ETag of that read), never a query. The RowKey repeats the
/// hash: Azurite looks a row up by its RowKey first, and a RowKey every row shares would make that a table scan.
/// </summary>
public sealed class PhoneIndexStore(TableServiceClient tables)
{
    public const string TableName = "HotlineRecentCalls";

    /// <summary>A phone that calls more often than this within the window keeps only its latest tickets.</summary>
    public const int MaxTicketsPerPhone = 50;

    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<RecentCalls> RecentAsync(string phoneHash, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(phoneHash, phoneHash, ["Tickets"], cancellationToken);
        return row.HasValue
            ? new RecentCalls(phoneHash, AppJson.Deserialize<List<DuplicateCandidate>>(row.Value!.GetString("Tickets")!), row.Value.ETag)
            : new RecentCalls(phoneHash, [], null);
    }

    /// <summary>Adds the ticket to the phone's recent calls, dropping those older than the window before it.</summary>
    public async Task AddAsync(RecentCalls read, Ticket ticket, TimeSpan window, CancellationToken cancellationToken)
    {
        var recent = read;
        while (true)
        {
            var tickets = recent.Tickets
                .Where(t => t.TicketId != ticket.Id && t.ReceivedAt >= ticket.ReceivedAt - window)
                .Append(new DuplicateCandidate(ticket.Id, ticket.PhoneHash, ticket.Category, ticket.ReceivedAt, null))
                .OrderBy(t => t.ReceivedAt)
                .TakeLast(MaxTicketsPerPhone)
                .ToList();
            var entity = new TableEntity(ticket.PhoneHash, ticket.PhoneHash) { ["Tickets"] = AppJson.Serialize(tickets) };
            try
            {
                if (recent.ETag is { } etag)
                {
                    await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(entity, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another ticket from this phone was recorded in between: read again.
                recent = await RecentAsync(ticket.PhoneHash, cancellationToken);
            }
        }
    }
}
