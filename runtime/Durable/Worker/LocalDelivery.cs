using Gonghui.Durable.Storage;
using Gonghui.Storage.Queues;

namespace Gonghui.Durable.Worker;

/// <summary>
/// Delivers a control message this process sends (a start, a raised event, a command) straight to this process's
/// processor. The queue copy is sent hidden for the control-queue visibility timeout, as if this process had
/// received it, and is deleted once the step applied it; should the process die first, the copy becomes visible
/// and is processed like any other message. Saves a receive and the polling delay.
/// </summary>
internal sealed class LocalDelivery(TaskHub hub, OrchestrationProcessor processor, LocalSignals signals)
{
    public async Task SendAsync(TaskMessage message, CancellationToken cancellationToken) =>
        Submit(message, await SendHiddenAsync(message, cancellationToken).ConfigureAwait(false));

    /// <summary>Sends the queue copy: hidden when this process will deliver it, else visible and the local poller woken.</summary>
    public async Task<SendReceipt?> SendHiddenAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        if (!hub.Options.EnableWorker || message.DueAt is not null)
        {
            await hub.SendAsync(message, cancellationToken).ConfigureAwait(false);
            signals.Wake(hub.ControlQueueFor(message.InstanceId).Name);
            return null;
        }
        return await hub.SendAsync(message, cancellationToken, hiddenFor: hub.Options.ControlQueueVisibilityTimeout).ConfigureAwait(false);
    }

    /// <summary>Hands a message sent hidden to this process's next step of its instance.</summary>
    public void Submit(TaskMessage message, SendReceipt? hiddenCopy)
    {
        if (hiddenCopy is null)
            return;
        var queue = hub.ControlQueueFor(message.InstanceId);
        _ = processor.SubmitAsync(message.InstanceId,
        [
            new Inbound(message, 0,
                () => queue.DeleteMessageAsync(hiddenCopy.MessageId, hiddenCopy.PopReceipt),
                delay => queue.UpdateMessageAsync(hiddenCopy.MessageId, hiddenCopy.PopReceipt, visibilityTimeout: delay)),
        ]);
    }
}
