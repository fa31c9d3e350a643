using System.Text.Json;
using Gonghui.Storage.Queues;

namespace Gonghui.Functions.Notifications;

/// <summary>Puts e-mails on the notifications queue; <see cref="SendEmailFunction"/> delivers them with retries.</summary>
public sealed class EmailOutbox(QueueServiceClient queues)
{
    public const string QueueName = "notifications";

    private readonly QueueClient _queue = queues.GetQueueClient(QueueName);
    private Task? _created;

    public async Task EnqueueAsync(EmailMessage email, CancellationToken cancellationToken = default)
    {
        await (_created ??= _queue.CreateIfNotExistsAsync(cancellationToken));
        await _queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(email)),
            cancellationToken: cancellationToken);
    }
}
