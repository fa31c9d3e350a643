using Gonghui.Durable.Storage;
using Gonghui.Hosting.Queues;
using Gonghui.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gonghui.Durable.Worker;

/// <summary>
/// Runs activities from the work-items queue, and those a local step hands over (<see cref="LocalActivities"/>), up to
/// the concurrency limit. The message stays hidden while the
/// activity runs (renewed at half the visibility timeout). The result goes straight into the instance's next step
/// in this process (no control-queue round trip); the activity message is deleted only after that step committed
/// the result, so a crash at any point re-runs the activity and the duplicate result is dropped against history.
/// </summary>
internal sealed class ActivityDispatcher(TaskHub hub, TaskRegistry registry, OrchestrationProcessor processor, LocalQueueSignals signals,
    LocalActivities local, IServiceScopeFactory scopes, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        var queue = hub.WorkItems;
        var slots = local.Slots;
        local.Attach(RunLocalAsync);
        var idleDelay = TimeSpan.FromMilliseconds(10);
        while (!stopping.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                await slots.WaitAsync(stopping).ConfigureAwait(false);
                taken = 1;
                while (taken < QueueClient.MaxMessagesPerReceive && slots.Wait(0))
                    taken++;
                var received = (await queue.ReceiveMessagesAsync(taken, hub.Options.WorkItemQueueVisibilityTimeout, stopping).ConfigureAwait(false)).Value;
                if (taken > received.Length)
                    slots.Release(taken - received.Length);
                taken = 0;
                if (received.Length == 0)
                {
                    await signals.WaitAsync(queue.Name, idleDelay, stopping).ConfigureAwait(false);
                    idleDelay = TimeSpan.FromMilliseconds(Math.Min(idleDelay.TotalMilliseconds * 2, hub.Options.MaxQueuePollingInterval.TotalMilliseconds));
                    continue;
                }
                idleDelay = TimeSpan.FromMilliseconds(10);
                foreach (var message in received)
                    _ = RunOneAsync(queue, message);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (taken > 0)
                    slots.Release(taken);
                logger.LogError(ex, "Polling the work-items queue failed.");
                await Task.Delay(TimeSpan.FromSeconds(1), stopping).ConfigureAwait(false);
            }
        }
    }

    private Task RunOneAsync(QueueClient queue, QueueMessage message) =>
        RunInSlotAsync(new VisibilityRenewal(queue, message.MessageId, message.PopReceipt, hub.Options.WorkItemQueueVisibilityTimeout), async renewal =>
        {
            if (await hub.DecodeAsync(message, CancellationToken.None).ConfigureAwait(false) is { } decoded)
                await RunAndSubmitAsync(decoded, message.DequeueCount, renewal).ConfigureAwait(false);
            else
                await renewal.DeleteAsync().ConfigureAwait(false);
        });

    /// <summary>A work item a local step sent hidden and handed over, in the slot it reserved.</summary>
    private Task RunLocalAsync(TaskMessage workItem, SendReceipt hiddenCopy) =>
        RunInSlotAsync(new VisibilityRenewal(hub.WorkItems, hiddenCopy.MessageId, hiddenCopy.PopReceipt, hub.Options.WorkItemQueueVisibilityTimeout),
            renewal => RunAndSubmitAsync(workItem, dequeueCount: 0, renewal));

    /// <summary>Runs one work item, its queue message kept hidden meanwhile, and frees the activity slot taken for it.</summary>
    private async Task RunInSlotAsync(VisibilityRenewal renewal, Func<VisibilityRenewal, Task> run)
    {
        await Task.Yield();
        using (renewal)
        {
            try
            {
                await run(renewal).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Activity message {MessageId} could not be handled; it will be retried.", renewal.MessageId);
            }
            finally
            {
                local.Release();
            }
        }
    }

    /// <summary>Runs the work item and hands its result to the instance's next step, which counts as a delivery of the work item.</summary>
    private async Task RunAndSubmitAsync(TaskMessage workItem, long dequeueCount, VisibilityRenewal renewal)
    {
        var scheduled = workItem.Event;
        var result = await RunActivityAsync(workItem).ConfigureAwait(false);
        hub.Options.FaultInjection?.Invoke("activity-completed");
        var resultMessage = new TaskMessage($"{workItem.ExecutionId}:{scheduled.EventId}:result", workItem.InstanceId, workItem.ExecutionId, result);
        await processor.SubmitAsync(workItem.InstanceId,
            [new Inbound(resultMessage, dequeueCount, renewal.DeleteAsync, renewal.HideForAsync)]).ConfigureAwait(false);
    }

    private async Task<HistoryEvent> RunActivityAsync(TaskMessage message)
    {
        var scheduled = message.Event;
        var now = time.GetUtcNow();
        try
        {
            var factory = registry.FindActivity(scheduled.Name!)
                ?? throw new InvalidOperationException($"No activity named '{scheduled.Name}' is registered.");
            await using var scope = scopes.CreateAsyncScope();
            var activity = factory(scope.ServiceProvider);
            var input = DurableJson.Deserialize(scheduled.Input, activity.InputType);
            var context = new TaskActivityContext(new TaskName(scheduled.Name!, scheduled.Version), message.InstanceId, scheduled.EventId);
            var output = DurableJson.Serialize(await activity.RunAsync(context, input).ConfigureAwait(false));
            PayloadColumns.EnsureStorable($"The result of activity '{scheduled.Name}'", output);
            return new HistoryEvent(EventType.TaskCompleted, now) { TaskScheduledId = scheduled.EventId, Result = output };
        }
        catch (Exception ex)
        {
            return new HistoryEvent(EventType.TaskFailed, now) { TaskScheduledId = scheduled.EventId, FailureDetails = TaskFailureDetails.FromException(ex) };
        }
    }
}
