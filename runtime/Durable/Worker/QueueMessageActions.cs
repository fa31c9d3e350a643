using Gonghui.Storage.Queues;

namespace Gonghui.Durable.Worker;

/// <summary>Acknowledging (deleting) and retrying (hiding again for a while) a received queue message.</summary>
internal static class QueueMessageActions
{
    public static Func<Task> Delete(QueueClient queue, QueueMessage message) =>
        () => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

    public static Func<TimeSpan, Task> HideFor(QueueClient queue, QueueMessage message) =>
        delay => queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay);
}
