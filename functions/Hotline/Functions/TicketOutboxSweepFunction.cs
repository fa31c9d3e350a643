using Gonghui.Functions.Hotline.Services;
using Gonghui.Functions.Hotline.Stores;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Hotline.Functions;

/// <summary>
/// Every minute: announces again each ticket change committed over <see cref="HotlineSettings.OutboxSweepGrace"/> ago whose follow-up never
/// finished (the process died between the commit and the queue, or the follow-up failed). The follow-up is idempotent,
/// so a change announced twice is followed up once. A change swept <see cref="MaxSweeps"/> times is left and logged:
/// its follow-up keeps failing (its messages are in the poison queue).
/// </summary>
public sealed class TicketOutboxSweepFunction(TicketOutbox outbox, TicketChangeQueue changes, HotlineSettings settings, TimeProvider clock,
    ILogger<TicketOutboxSweepFunction> logger)
{
    public const int MaxSweeps = 3;
    private const int BatchSize = 500;

    [Function("HotlineTicketOutboxSweep")]
    public async Task Run([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await SweepAsync(cancellationToken);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var left = await outbox.UnacknowledgedAsync(now - settings.OutboxSweepGrace, MaxSweeps, BatchSize, cancellationToken);
        var announced = 0;
        foreach (var (change, sweeps, etag) in left)
        {
            if (!await outbox.RecordSweepAsync(change, sweeps, etag, now, cancellationToken)) continue;
            await changes.EnqueueAsync(change, cancellationToken);
            announced++;
            if (sweeps + 1 == MaxSweeps)
                logger.LogError("Ticket {TicketId} version {Version} was announced {Sweeps} times and never followed up; the sweep leaves it",
                    change.TicketId, change.Version, MaxSweeps);
        }

        return announced;
    }
}
