using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>
/// Hands out each local day's ticket sequence numbers once. One counter row per day in <see cref="TableName"/> is
/// advanced under its ETag (retried when another instance won the race), a block of <see cref="BlockSize"/> numbers
/// at a time that this instance then hands out from memory: busy intake does not queue on one row. A restarted
/// instance leaves the rest of its block unused, so a day's numbers can have gaps; they are never repeated.
/// </summary>
public sealed class TicketNumberCounter(TableServiceClient tables) : IDisposable
{
    public const string TableName = "HotlineCounters";
    public const int BlockSize = 20;
    private const string Partition = "ticket-number";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly SemaphoreSlim _reserving = new(1, 1);
    private (DateOnly Day, long Next, long Last) _block;

    public async Task<long> NextAsync(DateOnly localDate, CancellationToken cancellationToken)
    {
        await _reserving.WaitAsync(cancellationToken);
        try
        {
            if (_block.Day != localDate || _block.Next > _block.Last)
            {
                var last = await ReserveAsync(localDate, cancellationToken);
                _block = (localDate, last - BlockSize + 1, last);
            }

            return _block.Next++;
        }
        finally
        {
            _reserving.Release();
        }
    }

    /// <summary>Advances the day's counter by a block; answers the block's last number.</summary>
    private async Task<long> ReserveAsync(DateOnly localDate, CancellationToken cancellationToken)
    {
        var row = localDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        while (true)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, row, ["Last"], cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await _table.AddEntityAsync(new TableEntity(Partition, row) { ["Last"] = (long)BlockSize }, cancellationToken);
                    return BlockSize;
                }

                var last = (current.Value!.GetInt64("Last") ?? 0) + BlockSize;
                await _table.UpdateEntityAsync(new TableEntity(Partition, row) { ["Last"] = last }, current.Value.ETag,
                    TableUpdateMode.Replace, cancellationToken);
                return last;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance reserved a block first: read the counter again.
            }
        }
    }

    public void Dispose() => _reserving.Dispose();
}
