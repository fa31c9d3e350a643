using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Gonghui.LocalHost.Functions;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Queues;

/// <summary>
/// Runs one queue function with the Azure Functions queue-trigger semantics: receive up to batchSize messages, run
/// them concurrently, fetch the next batch once no more than newBatchThreshold still run; back off (randomized,
/// exponential, up to maxPollingInterval) while the queue is empty; delete on success; after a failure make the
/// message visible again after visibilityTimeout, or, once it has been dequeued maxDequeueCount times, copy it
/// unchanged to "&lt;queue&gt;-poison" and delete it. Stopping ends fetching and waits for the running messages.
/// A message this process sends to the queue ends the idle wait at once (<see cref="LocalQueueSignals"/>).
/// Polling and lease timing use real time, not the app's TimeProvider: they pace I/O, they are not business time.
/// </summary>
internal sealed class QueueListener(
    FunctionDescriptor function,
    QueueClient queue,
    QueueClient poisonQueue,
    QueuesOptions options,
    LocalQueueSignals? localSends,
    FunctionInvoker invoker,
    ILogger logger)
{
    /// <summary>
    /// A receive that has not answered by then is abandoned and polled again, so one stuck request (with the storage
    /// client's own retries it could last minutes) never stalls the listener. Messages the abandoned receive may still
    /// have taken reappear when their lease ends, as after a crash.
    /// </summary>
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(15);

    private readonly Type _messageType = function.TriggerParameter.ParameterType;

    public string QueueName => queue.Name;

    /// <param name="stopFetching">Ends receiving; messages already received still run to the end.</param>
    /// <param name="abortInvocations">Cancels running functions (the host's shutdown timeout has passed).</param>
    public async Task RunAsync(CancellationToken stopFetching, CancellationToken abortInvocations)
    {
        if (!await CreateQueuesAsync(stopFetching))
            return;
        var backoff = new PollingBackoff(options.MaxPollingInterval);
        var running = new List<Task>();
        while (!stopFetching.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > options.EffectiveNewBatchThreshold)
            {
                await ((Task)Task.WhenAny(running)).WaitAsync(stopFetching).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            QueueMessage[] messages;
            try
            {
                using var receiveTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopFetching);
                receiveTimeout.CancelAfter(ReceiveTimeout);
                messages = (await queue.ReceiveMessagesAsync(options.BatchSize, options.LeaseTime, receiveTimeout.Token)).Value;
            }
            catch (OperationCanceledException) when (stopFetching.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A listener must outlive any failure (storage down, a request timing out): log, back off, go on.
                logger.LogWarning(ex, "Receiving from queue {Queue} failed; backing off", queue.Name);
                messages = [];
            }
            if (messages.Length == 0)
            {
                if (await IdleAsync(backoff.NextIdleDelay(), stopFetching))
                    backoff.Reset();
                continue;
            }
            backoff.Reset();
            foreach (var message in messages)
                running.Add(ProcessAsync(message, abortInvocations));
        }
        await Task.WhenAll(running);
    }

    /// <summary>Waits out an idle delay; true when this process sent to the queue meanwhile.</summary>
    private async Task<bool> IdleAsync(TimeSpan delay, CancellationToken stopFetching)
    {
        try
        {
            if (localSends is not null)
                return await localSends.WaitAsync(queue.Name, delay, stopFetching);
            await Task.Delay(delay, stopFetching);
        }
        catch (OperationCanceledException) when (stopFetching.IsCancellationRequested)
        {
        }
        return false;
    }

    private async Task<bool> CreateQueuesAsync(CancellationToken stopFetching)
    {
        // Storage may start next to the app (run.sh starts both): retry until it answers.
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 5)))
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stopFetching);
                await poisonQueue.CreateIfNotExistsAsync(cancellationToken: stopFetching);
                return true;
            }
            catch (OperationCanceledException) when (stopFetching.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Cannot create queue {Queue} yet ({Message}); retrying", queue.Name, ex.Message);
                await Task.Delay(delay, stopFetching).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stopFetching.IsCancellationRequested)
                    return false;
            }
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken abortInvocations)
    {
        await Task.Yield();
        try
        {
            // A message that was received more often than allowed without completing (its process died) is poison too.
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, message.PopReceipt);
                return;
            }
            var lease = new MessageLease(queue, message, options.LeaseTime, logger);
            var succeeded = await InvokeAsync(message, abortInvocations);
            var popReceipt = await lease.StopAsync();
            if (succeeded)
                await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None);
            else if (message.DequeueCount >= options.MaxDequeueCount)
                await MoveToPoisonAsync(message, popReceipt);
            else
                await queue.UpdateMessageAsync(message.MessageId, popReceipt, message: null, options.VisibilityTimeout, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 404)
        {
            logger.LogWarning("Message {MessageId} in {Queue} was no longer held ({ErrorCode}); another receiver has it",
                message.MessageId, queue.Name, ex.ErrorCode);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Completing message {MessageId} in {Queue} failed; it becomes visible again when its lease ends",
                message.MessageId, queue.Name);
        }
    }

    private async Task<bool> InvokeAsync(QueueMessage message, CancellationToken abortInvocations)
    {
        try
        {
            var value = QueueMessageBinding.Value(message, _messageType);
            await invoker.InvokeAsync(function, value, QueueMessageBinding.Data(message, queue.Name), abortInvocations);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Function {Function} failed on message {MessageId} (dequeue count {DequeueCount} of {MaxDequeueCount})",
                function.Name, message.MessageId, message.DequeueCount, options.MaxDequeueCount);
            return false;
        }
    }

    // Sent before the delete: a crash in between leaves a duplicate in the poison queue, never a lost message.
    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt)
    {
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None);
        logger.LogWarning("Message {MessageId} moved to {PoisonQueue} after {DequeueCount} dequeues", message.MessageId,
            poisonQueue.Name, message.DequeueCount);
    }
}
