using Gonghui.Functions.Hotline.Services;
using Gonghui.Functions.Hotline.Stores;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Hotline.Functions;

/// <summary>
/// Every 15 seconds: reads the SLA due index up to now and raises what is due on each ticket. A due row that no
/// longer matches the ticket's next check is dropped (the ticket's change follow-up writes the current one).
/// </summary>
public sealed class SlaScanFunction(TicketIndexStore index, SlaEvents slaEvents, TimeProvider clock)
{
    public const int BatchSize = 500;

    [Function("HotlineSlaScan")]
    public async Task Run([TimerTrigger("*/15 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await ScanAsync(cancellationToken);

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var due = await index.DueAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
        foreach (var (rowKey, ticketId) in due)
        {
            var next = await slaEvents.RaiseDueAsync(ticketId, cancellationToken);
            if (next is null || TicketIndexStore.DueRowKey(next.Value, ticketId) != rowKey)
            {
                await index.DeleteDueAsync(rowKey, cancellationToken);
            }
        }

        return due.Count;
    }
}
