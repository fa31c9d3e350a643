using Gonghui.Durable.Storage;
using Gonghui.Hosting.Queues;
using Gonghui.Storage.Queues;

namespace Gonghui.Durable.Worker;

/// <summary>
/// Delivers control messages this process sends straight to this process's processor, saving a queue round trip
/// and the polling delay.
/// <list type="bullet">
/// <item>Events and commands (<see cref="ApplyAsync"/>): the step that applies them is their durable record; the
/// caller's await returns once it committed. If the step cannot apply them now (instance not started yet) or fails,
/// they go to the queue instead; if neither happened (the process died), the caller got no answer and retries.</item>
/// <item>Starts (<see cref="SendHiddenAsync"/> then <see cref="Submit"/>): the queue copy is sent hidden for the
/// control-queue visibility timeout, as if this process had received it, and deleted once applied; should the
/// process die first, the copy becomes visible and is processed like any other message.</item>
/// </list>
/// </summary>
internal sealed class LocalDelivery(TaskHub hub, OrchestrationProcessor processor, LocalQueueSignals signals)
{
    public async Task ApplyAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        if (!hub.Options.EnableWorker || message.DueAt is not null)
        {
            await hub.SendAsync(message, cancellationToken).ConfigureAwait(false);
            signals.Wake(hub.ControlQueueFor(message.InstanceId).Name);
            return;
        }
        var persisted = false;
        await processor.SubmitAsync(message.InstanceId,
        [
            new Inbound(message, 0,
                () =>
                {
                    persisted = true;
                    return Task.CompletedTask;
                },
                async delay =>
                {
                    await hub.SendAsync(message, CancellationToken.None, hiddenFor: delay).ConfigureAwait(false);
                    persisted = true;
                }),
        ]).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!persisted)
            throw new InvalidOperationException($"The {message.Event.EventType} message for instance '{message.InstanceId}' could not be stored; send it again.");
    }

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
