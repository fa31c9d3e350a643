using Gonghui.Durable.Engine;
using Gonghui.Durable.Storage;
using Gonghui.Hosting.Queues;
using Gonghui.Storage.Queues;
using Gonghui.Storage.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gonghui.Durable.Worker;

/// <summary>
/// Runs orchestration steps. Messages for one instance are queued in a per-instance mailbox and taken together as
/// one step (one replay, one commit). A step: check each message against history (duplicates, stale executions,
/// results for tasks never scheduled are dropped), replay, commit head + new history in one transaction against
/// the head ETag, send the messages the new events imply, update the index if the status changed, then
/// acknowledge the inbound messages. A crash anywhere leaves the inbound messages to be redelivered; the redelivery
/// finds them applied and re-sends the unsent outbox recorded in the head.
/// </summary>
internal sealed class OrchestrationProcessor
{
    private const int MaxConflictRetries = 20;
    private const int MaxContinueAsNewPerStep = 20;
    private const int RetryLaterDequeueLimit = 30;

    private readonly TaskHub _hub;
    private readonly InstanceStore _store;
    private readonly InstanceCache _cache;
    private readonly TaskRegistry _registry;
    private readonly InstanceChangeSignals _instanceChanges;
    private readonly LocalQueueSignals _queueSignals;
    private readonly LocalActivities _localActivities;
    private readonly TimeProvider _time;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _concurrency;
    private readonly Dictionary<string, List<Inbound>> _mailboxes = new(StringComparer.Ordinal);

    public OrchestrationProcessor(TaskHub hub, InstanceStore store, InstanceCache cache, TaskRegistry registry, InstanceChangeSignals instanceChanges, LocalQueueSignals queueSignals,
        LocalActivities localActivities, TimeProvider time, IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        _localActivities = localActivities;
        _hub = hub;
        _store = store;
        _cache = cache;
        _registry = registry;
        _instanceChanges = instanceChanges;
        _queueSignals = queueSignals;
        _time = time;
        _scopes = scopes;
        _loggers = loggers;
        _logger = loggers.CreateLogger<OrchestrationProcessor>();
        _concurrency = new SemaphoreSlim(Math.Max(1, hub.Options.MaxConcurrentOrchestratorFunctions));
    }

    /// <summary>Queues messages for the instance's next step; completes when they have been handled.</summary>
    public Task SubmitAsync(string instanceId, IReadOnlyList<Inbound> items)
    {
        bool start;
        lock (_mailboxes)
        {
            start = !_mailboxes.TryGetValue(instanceId, out var mailbox);
            if (start)
                _mailboxes[instanceId] = mailbox = [];
            mailbox!.AddRange(items);
        }
        if (start)
            _ = Task.Run(() => RunMailboxAsync(instanceId));
        return Task.WhenAll(items.Select(i => i.Done.Task));
    }

    private async Task RunMailboxAsync(string instanceId)
    {
        while (true)
        {
            List<Inbound> batch;
            lock (_mailboxes)
            {
                batch = _mailboxes[instanceId];
                if (batch.Count == 0)
                {
                    _mailboxes.Remove(instanceId);
                    return;
                }
                _mailboxes[instanceId] = [];
            }
            await _concurrency.WaitAsync().ConfigureAwait(false);
            try
            {
                await ProcessAsync(instanceId, batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _cache.Remove(instanceId);
                _logger.LogError(ex, "Step of instance {InstanceId} failed; its {Count} messages will be retried.", instanceId, batch.Count);
                foreach (var item in batch)
                {
                    try
                    {
                        if (item.DequeueCount >= _hub.Options.MaxDequeueCount)
                            await PoisonAsync(instanceId, item, ex).ConfigureAwait(false);
                        else
                            await item.Retry(RetryDelay(item.DequeueCount)).ConfigureAwait(false);
                    }
                    catch (Exception retryFailure)
                    {
                        // The source stays as it was (a queue message reappears after its visibility timeout).
                        _logger.LogWarning(retryFailure, "Could not reschedule a message of instance {InstanceId}.", instanceId);
                    }
                }
            }
            finally
            {
                _concurrency.Release();
                foreach (var item in batch)
                    item.Done.TrySetResult();
            }
        }
    }

    /// <summary>The wait before a failed message comes back: the first delay, doubled with each earlier failure, at most 5 minutes.</summary>
    private TimeSpan RetryDelay(long dequeueCount) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, _hub.Options.StepRetryDelay.Ticks << (int)Math.Clamp(dequeueCount - 1, 0, 20)));

    /// <summary>
    /// Moves a message whose step failed <see cref="DurableTaskOptions.MaxDequeueCount"/> times to the poison queue
    /// (sent first, then acknowledged: a crash in between leaves a copy in both, never in neither).
    /// </summary>
    private async Task PoisonAsync(string instanceId, Inbound item, Exception failure)
    {
        await _hub.SendToPoisonAsync(item.Message, CancellationToken.None).ConfigureAwait(false);
        await item.Ack().ConfigureAwait(false);
        _logger.LogError(failure, "Message {MessageId} ({EventType}) of instance {InstanceId} failed {Count} steps; moved to {Queue}.",
            item.Message.Id, item.Message.Event.EventType, instanceId, item.DequeueCount, _hub.Poison.Name);
    }

    private async Task ProcessAsync(string instanceId, List<Inbound> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = _cache.TryGet(instanceId) ?? await _store.LoadAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
            try
            {
                await StepAsync(instanceId, state, batch).ConfigureAwait(false);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxConflictRetries)
            {
                _cache.Remove(instanceId);
                await Task.Delay(Random.Shared.Next(1, 10 * attempt)).ConfigureAwait(false);
            }
        }
    }

    private async Task StepAsync(string instanceId, LoadedInstance state, List<Inbound> batch)
    {
        var now = _time.GetUtcNow();
        var head = state.Head?.Clone();
        var events = state.Events;
        var isNew = head is null;
        var restarted = false;
        var accepted = new List<HistoryEvent>();
        var retryLater = new List<Inbound>();
        var replies = new List<TaskMessage>();
        var results = events.Where(e => e.IsTaskResult).Select(e => e.TaskScheduledId ?? -1).ToHashSet();
        var scheduled = events.Where(e => e.IsScheduling).Select(e => e.EventId).ToHashSet();
        var raised = events.Where(e => e.EventType == EventType.EventRaised).Select(e => e.MessageId).ToHashSet(StringComparer.Ordinal);
        var started = events.Any(e => e.EventType == EventType.ExecutionStarted);

        foreach (var item in batch)
        {
            var message = item.Message;
            var e = message.Event;
            var canWait = item.DequeueCount < RetryLaterDequeueLimit;
            switch (e.EventType)
            {
                case EventType.ExecutionStarted when head is null:
                    head = NewHead(message, now);
                    accepted.Add(e);
                    started = true;
                    break;
                case EventType.ExecutionStarted when head.ExecutionId == message.ExecutionId:
                    if (!started && !head.Status.IsTerminal() && accepted.Count == 0)
                    {
                        accepted.Add(e);
                        started = true;
                    }
                    break;
                case EventType.ExecutionStarted when head.Status.IsTerminal() && e.ParentInstance is not null && accepted.Count == 0 && !restarted:
                    head = Restart(head, message, now);
                    events = [];
                    results.Clear();
                    scheduled.Clear();
                    raised.Clear();
                    restarted = true;
                    accepted.Add(e);
                    started = true;
                    break;
                case EventType.ExecutionStarted when e.ParentInstance is null && head.Status.IsTerminal() && canWait:
                    // A client reusing a finished instance's id sends first, then replaces the head: wait for it.
                    retryLater.Add(item);
                    break;
                case EventType.ExecutionStarted when e.ParentInstance is not null && !head.Status.IsTerminal():
                    replies.Add(OutboundMessages.AlreadyRunning(message, now));
                    break;
                case EventType.ExecutionStarted:
                    break;
                case var _ when e.IsTaskResult:
                    var taskId = e.TaskScheduledId ?? -1;
                    if (head is null || message.ExecutionId != head.ExecutionId || head.Status.IsTerminal() || results.Contains(taskId))
                        break;
                    if (!scheduled.Contains(taskId))
                    {
                        _logger.LogWarning("Instance {InstanceId} got a {EventType} for task {TaskId} it never scheduled; dropped.", instanceId, e.EventType, taskId);
                        break;
                    }
                    results.Add(taskId);
                    accepted.Add(e);
                    break;
                case EventType.EventRaised:
                    if (head is null || (!started && head.Status == OrchestrationRuntimeStatus.Pending))
                    {
                        if (canWait)
                            retryLater.Add(item);
                        break;
                    }
                    if (head.Status.IsTerminal() || !raised.Add(e.MessageId))
                        break;
                    accepted.Add(e);
                    break;
                case EventType.ExecutionTerminated or EventType.ExecutionSuspended or EventType.ExecutionResumed:
                    if (head is null)
                    {
                        if (canWait)
                            retryLater.Add(item);
                        break;
                    }
                    if (!head.Status.IsTerminal())
                        accepted.Add(e);
                    break;
            }
        }

        if (accepted.Count == 0 || head is null)
        {
            await RecoverAsync(instanceId, state, replies).ConfigureAwait(false);
            await FinishAsync(batch, retryLater).ConfigureAwait(false);
            return;
        }

        var previousStatus = state.Head?.Status;
        var oldUnsentFrom = head.UnsentFrom;
        var segments = Decide(instanceId, head, events, started, accepted, now);
        var rows = new List<TableEntity>();
        foreach (var segment in segments)
            rows.AddRange(HistoryRows.Build(instanceId, segment.Generation, segment.ExecutionId, segment.FirstSequence, segment.Events));
        var last = segments[^1];
        head.NextSequence = last.FirstSequence + last.Events.Count;
        head.LastUpdatedAt = now;
        head.UnsentFrom = state.OutboxSent || oldUnsentFrom.Length == 0 ? rows[0].RowKey : oldUnsentFrom;

        _hub.Options.FaultInjection?.Invoke("before-commit:" + instanceId);
        head.ETag = await _store.CommitAsync(head, isNew, rows, CancellationToken.None).ConfigureAwait(false);
        _hub.Options.FaultInjection?.Invoke("after-commit");

        var outbound = new List<TaskMessage>(replies);
        if (!state.OutboxSent && state.Head is not null)
            outbound.AddRange(state.Unsent.SelectMany(u => OutboundMessages.For(state.Head, u.ExecutionId, u.Event)));
        foreach (var segment in segments)
            outbound.AddRange(segment.Events.SelectMany(e => OutboundMessages.For(head, segment.ExecutionId, e)));
        _cache.Remove(instanceId);
        await SendAllAsync(outbound).ConfigureAwait(false);

        var currentEvents = last.Generation == (state.Head?.Generation ?? -1) && !restarted ? [.. events, .. last.Events] : last.Events;
        _cache.Set(instanceId, new LoadedInstance(head, currentEvents, [], OutboxSent: true, state.IndexETag));
        _hub.Options.FaultInjection?.Invoke("after-sends");
        if (head.Status != previousStatus || !state.OutboxSent)
        {
            var indexETag = await _store.UpdateIndexAsync(head, state.IndexETag, expectNew: isNew, CancellationToken.None).ConfigureAwait(false);
            _cache.Set(instanceId, new LoadedInstance(head, currentEvents, [], OutboxSent: true, indexETag));
        }
        _instanceChanges.NotifyInstanceChanged(instanceId, head.Status);
        await FinishAsync(batch, retryLater).ConfigureAwait(false);
    }

    /// <summary>Nothing new to apply: if another process (or a crashed one) committed last, re-send its outbox and repair the index.</summary>
    private async Task RecoverAsync(string instanceId, LoadedInstance state, List<TaskMessage> replies)
    {
        var outbound = new List<TaskMessage>(replies);
        if (!state.OutboxSent && state.Head is { } head)
        {
            outbound.AddRange(state.Unsent.SelectMany(u => OutboundMessages.For(head, u.ExecutionId, u.Event)));
            await SendAllAsync(outbound).ConfigureAwait(false);
            var indexETag = await _store.UpdateIndexAsync(head, knownETag: null, expectNew: false, CancellationToken.None).ConfigureAwait(false);
            _cache.Set(instanceId, state with { Unsent = [], OutboxSent = true, IndexETag = indexETag });
            return;
        }
        await SendAllAsync(outbound).ConfigureAwait(false);
    }

    private List<Segment> Decide(string instanceId, InstanceHead head, List<HistoryEvent> past, bool started,
        List<HistoryEvent> accepted, DateTimeOffset now)
    {
        var stepEvents = new List<HistoryEvent> { new(EventType.OrchestratorStarted, now) };
        stepEvents.AddRange(accepted);
        var segment = new Segment(head.Generation, head.ExecutionId, head.NextSequence, stepEvents);
        if (accepted.FirstOrDefault(e => e.EventType == EventType.ExecutionTerminated) is { } terminated)
        {
            head.Status = OrchestrationRuntimeStatus.Terminated;
            head.Output = terminated.Input;
            head.CompletedAt = now;
            return [segment];
        }
        var suspended = head.Status == OrchestrationRuntimeStatus.Suspended;
        foreach (var e in accepted)
            suspended = e.EventType == EventType.ExecutionSuspended || (suspended && e.EventType != EventType.ExecutionResumed);
        if (suspended || !started)
        {
            if (suspended)
                head.Status = OrchestrationRuntimeStatus.Suspended;
            return [segment];
        }

        var segments = new List<Segment>();
        for (var generationsRun = 0; ; generationsRun++)
        {
            if (string.IsNullOrEmpty(head.Version) && segment.Events.Any(e => e.EventType == EventType.ExecutionStarted))
                head.Version = _registry.DefaultVersion(head.Name);
            var result = Execute(instanceId, head, past, segment.Events);
            segment.Events.AddRange(result.NewActions);
            if (result.CustomStatusSet)
                head.CustomStatus = result.CustomStatus;
            segments.Add(segment);
            if (result.Completion is not { } completion)
            {
                head.Status = OrchestrationRuntimeStatus.Running;
                return segments;
            }
            segment.Events.Add(new HistoryEvent(EventType.ExecutionCompleted, now)
            {
                OrchestrationStatus = completion,
                Result = result.Output,
                FailureDetails = result.Failure,
            });
            if (completion != OrchestrationRuntimeStatus.ContinuedAsNew || generationsRun >= MaxContinueAsNewPerStep)
            {
                head.Status = completion == OrchestrationRuntimeStatus.ContinuedAsNew ? OrchestrationRuntimeStatus.Running : completion;
                head.Output = result.Output;
                head.Failure = result.Failure;
                head.CompletedAt = now;
                return segments;
            }
            head.Generation++;
            head.ExecutionId = Guid.NewGuid().ToString("N");
            head.Input = result.Output;
            head.Output = null;
            head.Failure = null;
            past = [];
            var next = new List<HistoryEvent>
            {
                new(EventType.OrchestratorStarted, now),
                new(EventType.ExecutionStarted, now)
                {
                    Name = head.Name,
                    Version = head.Version,
                    Input = result.Output,
                    ExecutionId = head.ExecutionId,
                    ParentInstance = head.Parent,
                },
            };
            next.AddRange(result.CarryOverEvents);
            segment = new Segment(head.Generation, head.ExecutionId, 0, next);
        }
    }

    private ExecutionResult Execute(string instanceId, InstanceHead head, List<HistoryEvent> past, List<HistoryEvent> newEvents)
    {
        var factory = _registry.FindOrchestrator(head.Name, head.Version);
        if (factory is null)
        {
            return new ExecutionResult
            {
                NewActions = [],
                Completion = OrchestrationRuntimeStatus.Failed,
                Failure = new TaskFailureDetails("OrchestratorNotFound",
                    $"No orchestrator named '{head.Name}'{(head.Version.Length > 0 ? $" version '{head.Version}'" : "")} is registered."),
            };
        }
        using var scope = _scopes.CreateScope();
        var result = OrchestrationExecutor.Execute(factory(scope.ServiceProvider), new TaskName(head.Name, head.Version), instanceId, past, newEvents, _loggers);
        if (result.Output is { Length: > PayloadColumns.MaxPayloadChars } output)
        {
            return new ExecutionResult
            {
                NewActions = result.NewActions,
                Completion = OrchestrationRuntimeStatus.Failed,
                Failure = TaskFailureDetails.FromException(new PayloadTooLargeException("The orchestration output", output.Length, PayloadColumns.MaxPayloadChars)),
            };
        }
        return result;
    }

    private async Task SendAllAsync(IReadOnlyCollection<TaskMessage> messages)
    {
        if (messages.Count == 0)
            return;
        await Task.WhenAll(messages.Select(SendAsync)).ConfigureAwait(false);
    }

    /// <summary>Sends one outbound message: an activity runs here at once when a slot is free, anything else wakes the local poller.</summary>
    private async Task SendAsync(TaskMessage message)
    {
        if (message.Event.EventType == EventType.TaskScheduled && _localActivities.TryReserve())
        {
            SendReceipt hiddenCopy;
            try
            {
                hiddenCopy = await _hub.SendAsync(message, CancellationToken.None, hiddenFor: _hub.Options.WorkItemQueueVisibilityTimeout).ConfigureAwait(false);
            }
            catch
            {
                _localActivities.Release();
                throw;
            }
            _localActivities.Run(message, hiddenCopy);
            return;
        }
        await _hub.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        if (message.Event.EventType == EventType.TaskScheduled)
            _queueSignals.Wake(_hub.WorkItems.Name);
        else if (message.DueAt is null || message.DueAt <= _time.GetUtcNow())
            _queueSignals.Wake(_hub.ControlQueues[_hub.PartitionOf(message.InstanceId)].Name);
    }

    private static async Task FinishAsync(List<Inbound> batch, List<Inbound> retryLater)
    {
        await Task.WhenAll(batch.Select(i => retryLater.Contains(i)
            ? Try(() => i.Retry(TimeSpan.FromSeconds(Math.Min(5, 0.2 * (i.DequeueCount + 1)))))
            : Try(i.Ack))).ConfigureAwait(false);
    }

    private static async Task Try(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 400 or 404)
        {
            // The message was already deleted or re-received elsewhere: nothing left to acknowledge.
        }
    }

    private static InstanceHead NewHead(TaskMessage message, DateTimeOffset now) => new()
    {
        InstanceId = message.InstanceId,
        Name = message.Event.Name!,
        Version = message.Event.Version ?? "",
        Status = OrchestrationRuntimeStatus.Pending,
        ExecutionId = message.ExecutionId ?? message.Event.ExecutionId ?? Guid.NewGuid().ToString("N"),
        Input = message.Event.Input,
        Parent = message.Event.ParentInstance,
        ScheduledStartTime = message.Event.ScheduledStartTime,
        CreatedAt = now,
        LastUpdatedAt = now,
    };

    private static InstanceHead Restart(InstanceHead old, TaskMessage message, DateTimeOffset now)
    {
        var head = NewHead(message, now);
        head.Generation = old.Generation + 1;
        head.UnsentFrom = old.UnsentFrom;
        head.ETag = old.ETag;
        return head;
    }

    private sealed record Segment(int Generation, string ExecutionId, int FirstSequence, List<HistoryEvent> Events);
}
