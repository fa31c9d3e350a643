using Azure.Storage.Queues;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// Announces committed ticket changes; <see cref="TicketChangeFunction"/> then routes, mails and projects them
/// (list and SLA indexes, figures). Every consumer step is idempotent, so a message may arrive more than once.
/// </summary>
public sealed class TicketChangeQueue(QueueServiceClient queues)
{
    public const string QueueName = "hotline-ticket-changes";

    private readonly QueueClient _queue = queues.GetQueueClient(QueueName);
    private Task? _created;

    public async Task EnqueueAsync(TicketChange change, CancellationToken cancellationToken)
    {
        await (_created ??= _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await _queue.SendMessageAsync(BinaryData.FromObjectAsJson(change, HotlineJson.Options),
            cancellationToken: cancellationToken);
    }
}
