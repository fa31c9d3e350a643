using System.Globalization;
using Azure;
using Gonghui.Storage.Tables;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// Hands out each local day's ticket sequence numbers once: one counter row per day in <see cref="TableName"/>,
/// incremented under its ETag and retried when another allocation won the race.
/// </summary>
public sealed class TicketNumberCounter(TableServiceClient tables)
{
    public const string TableName = "HotlineCounters";
    private const string Partition = "ticket-number";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private Task? _created;

    public async Task<long> NextAsync(DateOnly localDate, CancellationToken cancellationToken)
    {
        await (_created ??= _table.CreateIfNotExistsAsync(cancellationToken));
        var row = localDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        while (true)
        {
            var current = await _table.GetEntityIfExistsAsync(Partition, row, ["Last"], cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await _table.AddEntityAsync(new TableEntity(Partition, row) { ["Last"] = 1L }, cancellationToken);
                    return 1;
                }

                var next = (current.Value!.GetInt64("Last") ?? 0) + 1;
                await _table.UpdateEntityAsync(new TableEntity(Partition, row) { ["Last"] = next }, current.Value.ETag,
                    TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another allocation took this number first: read the counter again.
            }
        }
    }
}
