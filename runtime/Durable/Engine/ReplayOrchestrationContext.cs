using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Gonghui.Durable.Engine;

/// <summary>
/// The context an orchestrator runs against during one replay. Scheduling calls append actions (numbered in the
/// order the code makes them) and are checked against the scheduling events already in history; results from
/// history complete the matching tasks. Nothing here touches storage.
/// </summary>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private readonly string? _input;
    private readonly IReadOnlyList<HistoryEvent> _historicActions;
    private readonly ILoggerFactory _loggers;
    private readonly Dictionary<int, Action<HistoryEvent>> _pending = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _bufferedEvents = [];
    private int _guidCounter;

    public ReplayOrchestrationContext(TaskName name, string instanceId, ParentOrchestrationInstance? parent, string? input,
        IReadOnlyList<HistoryEvent> historicActions, ILoggerFactory loggers)
    {
        Name = name;
        InstanceId = instanceId;
        Parent = parent;
        _input = input;
        _historicActions = historicActions;
        _loggers = loggers;
    }

    public override TaskName Name { get; }
    public override string InstanceId { get; }
    public override ParentOrchestrationInstance? Parent { get; }
    public override DateTime CurrentUtcDateTime => CurrentTime.UtcDateTime;
    public override bool IsReplaying => Replaying;
    public override string Version => Name.Version ?? "";

    internal DateTimeOffset CurrentTime { get; set; }
    internal bool Replaying { get; set; }
    internal List<HistoryEvent> Actions { get; } = [];
    internal string? NonDeterminism { get; private set; }
    internal bool ContinueAsNewRequested { get; private set; }
    internal string? ContinueAsNewInput { get; private set; }
    internal bool PreserveUnprocessedEvents { get; private set; }
    internal bool CustomStatusSet { get; private set; }
    internal string? CustomStatus { get; private set; }
    internal IReadOnlyList<HistoryEvent> BufferedEvents => _bufferedEvents;

    public override T? GetInput<T>() where T : default => DurableJson.Deserialize<T>(_input);

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var serializedInput = DurableJson.Serialize(input);
        return await WithRetry(options?.Retry?.Policy, () => Schedule<TResult>(new HistoryEvent(EventType.TaskScheduled, CurrentTime)
        {
            Name = name.Name,
            Version = name.Version,
            Input = serializedInput,
        }, name.Name));
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var serializedInput = DurableJson.Serialize(input);
        var sub = options as SubOrchestrationOptions;
        var childId = sub?.InstanceId ?? NewGuid().ToString("N");
        return await WithRetry(options?.Retry?.Policy, () => Schedule<TResult>(new HistoryEvent(EventType.SubOrchestrationInstanceCreated, CurrentTime)
        {
            Name = orchestratorName.Name,
            Version = sub?.Version ?? orchestratorName.Version,
            InstanceId = childId,
            Input = serializedInput,
        }, orchestratorName.Name));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        var completion = new TaskCompletionSource();
        var id = Emit(new HistoryEvent(EventType.TimerCreated, CurrentTime) { FireAt = at });
        _pending[id] = _ => completion.TrySetResult();
        if (cancellationToken.CanBeCanceled)
            cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var index = _bufferedEvents.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var buffered = _bufferedEvents[index];
            _bufferedEvents.RemoveAt(index);
            return Task.FromResult(DurableJson.Deserialize<T>(buffered.Input)!);
        }
        var completion = new TaskCompletionSource<T>();
        if (!_waiters.TryGetValue(eventName, out var queue))
            _waiters[eventName] = queue = new LinkedList<EventWaiter>();
        var node = queue.AddLast(new EventWaiter(e => completion.TrySetResult(DurableJson.Deserialize<T>(e.Input)!)));
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                    queue.Remove(node);
                completion.TrySetCanceled(cancellationToken);
            });
        }
        return completion.Task;
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timerCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCancel.Token);
        if (eventTask.IsCompleted)
            return await eventTask;
        var timerTask = CreateTimer(CurrentUtcDateTime.Add(timeout), timerCancel.Token);
        var winner = await Task.WhenAny(eventTask, timerTask);
        if (winner == eventTask)
            timerCancel.Cancel();
        else
            eventCancel.Cancel();
        return await eventTask;
    }

    public override void SendEvent(string instanceId, string eventName, object? payload) =>
        Emit(new HistoryEvent(EventType.EventSent, CurrentTime)
        {
            InstanceId = instanceId,
            Name = eventName,
            Input = DurableJson.Serialize(payload),
        });

    public override void SetCustomStatus(object? customStatus)
    {
        CustomStatusSet = true;
        CustomStatus = DurableJson.Serialize(customStatus);
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinueAsNewRequested = true;
        ContinueAsNewInput = DurableJson.Serialize(newInput);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override Guid NewGuid()
    {
        var name = $"{InstanceId}_{CurrentTime.UtcDateTime:o}_{_guidCounter++}";
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggers.CreateLogger(categoryName), () => Replaying);

    /// <summary>Delivers a result event from history to the task waiting on it.</summary>
    internal void Deliver(HistoryEvent result)
    {
        var id = result.TaskScheduledId ?? -1;
        if (_pending.TryGetValue(id, out var complete))
        {
            complete(result);
            return;
        }
        if (id >= Actions.Count)
            RecordNonDeterminism($"history has a {result.EventType} for task #{id}, which the code never scheduled");
    }

    internal void RaiseEvent(HistoryEvent raised)
    {
        if (raised.Name is { } name && _waiters.TryGetValue(name, out var queue) && queue.First is { } first)
        {
            queue.RemoveFirst();
            first.Value.Complete(raised);
            return;
        }
        _bufferedEvents.Add(raised);
    }

    /// <summary>Called when the code has run against all of history: scheduling events it did not repeat mean it changed.</summary>
    internal void CheckAllHistoricActionsReplayed()
    {
        if (Actions.Count < _historicActions.Count)
        {
            var missing = _historicActions[Actions.Count];
            RecordNonDeterminism($"history has {Describe(missing)} at step {Actions.Count}, but the code no longer schedules it");
        }
    }

    private async Task<TResult> WithRetry<TResult>(RetryPolicy? policy, Func<Task<TResult>> attempt)
    {
        if (policy is null)
            return await attempt();
        var firstAttemptAt = CurrentUtcDateTime;
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure) when (attempts < policy.MaxNumberOfAttempts
                && policy.HandleFailure(failure.FailureDetails)
                && (policy.RetryTimeout == Timeout.InfiniteTimeSpan || CurrentUtcDateTime - firstAttemptAt < policy.RetryTimeout))
            {
                await CreateTimer(CurrentUtcDateTime.Add(policy.DelayBeforeRetry(attempts)), CancellationToken.None);
            }
        }
    }

    private Task<TResult> Schedule<TResult>(HistoryEvent scheduled, string taskName)
    {
        var completion = new TaskCompletionSource<TResult>();
        var id = Emit(scheduled);
        _pending[id] = result =>
        {
            if (result.EventType is EventType.TaskCompleted or EventType.SubOrchestrationInstanceCompleted)
                completion.TrySetResult(DurableJson.Deserialize<TResult>(result.Result)!);
            else
                completion.TrySetException(new TaskFailedException(taskName, id,
                    result.FailureDetails ?? new TaskFailureDetails("Unknown", "The task failed without details.")));
        };
        return completion.Task;
    }

    private int Emit(HistoryEvent action)
    {
        var id = Actions.Count;
        var numbered = action with { EventId = id };
        if (id < _historicActions.Count)
        {
            var historic = _historicActions[id];
            if (historic.EventType != numbered.EventType
                || !string.Equals(historic.Name, numbered.Name, StringComparison.OrdinalIgnoreCase)
                || (historic.EventType == EventType.SubOrchestrationInstanceCreated && historic.InstanceId != numbered.InstanceId))
            {
                RecordNonDeterminism($"history has {Describe(historic)} at step {id}, but the code now schedules {Describe(numbered)}");
            }
        }
        Actions.Add(numbered);
        return id;
    }

    private void RecordNonDeterminism(string what) =>
        NonDeterminism ??= $"Non-deterministic orchestration '{Name.Name}' (instance '{InstanceId}'): {what}.";

    private static string Describe(HistoryEvent e) => e.EventType switch
    {
        EventType.TaskScheduled => $"activity '{e.Name}'",
        EventType.SubOrchestrationInstanceCreated => $"sub-orchestration '{e.Name}' ({e.InstanceId})",
        EventType.TimerCreated => "a timer",
        EventType.EventSent => $"sending event '{e.Name}' to '{e.InstanceId}'",
        _ => e.EventType.ToString(),
    };

    private sealed record EventWaiter(Action<HistoryEvent> Complete);
}
