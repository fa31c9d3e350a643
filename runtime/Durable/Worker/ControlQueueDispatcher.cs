using Gonghui.Durable.Storage;
using Gonghui.Hosting.Queues;
using Gonghui.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Gonghui.Durable.Worker;

/// <summary>
/// Polls one control queue: receives up to 32 messages, re-arms timers and delayed starts that are not due yet
/// (a queue delay is at most 7 days), groups the rest by instance and hands each group to the processor as one
/// step. An empty queue is polled less and less often, up to the maximum polling interval, unless this process
/// wakes it.
/// </summary>
internal sealed class ControlQueueDispatcher(QueueClient queue, TaskHub hub, OrchestrationProcessor processor, LocalQueueSignals signals,
    TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        var idleDelay = TimeSpan.FromMilliseconds(10);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var received = (await queue.ReceiveMessagesAsync(QueueClient.MaxMessagesPerReceive, hub.Options.ControlQueueVisibilityTimeout, stopping).ConfigureAwait(false)).Value;
                if (received.Length == 0)
                {
                    await signals.WaitAsync(queue.Name, idleDelay, stopping).ConfigureAwait(false);
                    idleDelay = TimeSpan.FromMilliseconds(Math.Min(idleDelay.TotalMilliseconds * 2, hub.Options.MaxQueuePollingInterval.TotalMilliseconds));
                    continue;
                }
                idleDelay = TimeSpan.FromMilliseconds(10);
                var inbound = new List<Inbound>();
                foreach (var message in received)
                {
                    if (await ToInboundAsync(message, stopping).ConfigureAwait(false) is { } item)
                        inbound.Add(item);
                }
                await Task.WhenAll(inbound.GroupBy(i => i.Message.InstanceId)
                    .Select(g => processor.SubmitAsync(g.Key, g.ToList()))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Polling control queue {Queue} failed.", queue.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task<Inbound?> ToInboundAsync(QueueMessage message, CancellationToken stopping)
    {
        TaskMessage? decoded;
        try
        {
            decoded = await hub.DecodeAsync(message, stopping).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException ex)
        {
            logger.LogError(ex, "Control message {MessageId} in {Queue} is not a task message; deleted.", message.MessageId, queue.Name);
            decoded = null;
        }
        if (decoded is null)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stopping).ConfigureAwait(false);
            return null;
        }
        if (decoded.DueAt is { } due && due > time.GetUtcNow())
        {
            await hub.SendAsync(decoded, stopping).ConfigureAwait(false);
            hub.Options.FaultInjection?.Invoke("timer-rearm");
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stopping).ConfigureAwait(false);
            return null;
        }
        return new Inbound(decoded, message.DequeueCount, QueueMessageActions.Delete(queue, message), QueueMessageActions.HideFor(queue, message));
    }
}
