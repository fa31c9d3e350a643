using Azure.Storage.Queues;
using Gonghui.Functions.Json;

namespace Gonghui.Functions.Hotline.Services;

/// <summary>
/// Announces committed ticket changes; <see cref="TicketChangeFunction"/> then routes, mails and projects them
/// (list and SLA indexes, figures). Every consumer step is idempotent, so a message may arrive more than once.
/// </summary>
public sealed class TicketChangeQueue(QueueServiceClient queues)
{
    public const string QueueName = "hotline-ticket-changes";

    private readonly QueueClient _queue = queues.GetQueueClient(QueueName);

    public async Task EnqueueAsync(TicketChange change, CancellationToken cancellationToken)
    {
        await _queue.SendMessageAsync(BinaryData.FromObjectAsJson(change, AppJson.Options),
            cancellationToken: cancellationToken);
    }
}
