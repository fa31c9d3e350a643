using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gonghui.Functions.Tests.Relief.Functions.Approval;

/// <summary>
/// Runs an orchestrator in the test's thread, without the durable engine: activities answer at once through the given
/// function, external events and timers complete when the test raises or fires them, and the orchestrator goes on to
/// its next wait before <see cref="Raise"/> or <see cref="AdvanceTo"/> returns.
/// </summary>
internal sealed class FakeOrchestrationContext(string instanceId, object input, DateTimeOffset start, Func<TaskName, object?, object?> activity)
    : TaskOrchestrationContext
{
    private readonly Dictionary<string, Action<object?>> _waits = [];
    private readonly List<(DateTime FireAt, TaskCompletionSource Timer)> _timers = [];
    private DateTime _now = start.UtcDateTime;

    public List<(TaskName Name, object? Input)> ActivityCalls { get; } = [];

    public object? CustomStatus { get; private set; }

    public override TaskName Name => "fake";

    public override string InstanceId => instanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => false;

    public override TaskOrchestrationEntityFeature Entities => throw new NotSupportedException();

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>Starts <paramref name="orchestrator"/>; it runs until it first waits.</summary>
    public Task<T> Start<T>(Func<TaskOrchestrationContext, Task<T>> orchestrator) => WithoutSynchronizationContext(() => orchestrator(this));

    /// <summary>Raises <paramref name="name"/>; the orchestrator must be waiting for it.</summary>
    public void Raise(string name, object? value) => WithoutSynchronizationContext(() =>
    {
        Assert.True(_waits.Remove(name, out var deliver), $"The orchestration is not waiting for {name}.");
        deliver(value);
        return true;
    });

    /// <summary>Moves the clock to <paramref name="at"/> and fires every timer due by then.</summary>
    public void AdvanceTo(DateTimeOffset at) => WithoutSynchronizationContext(() =>
    {
        _now = at.UtcDateTime;
        foreach (var due in _timers.Where(t => t.FireAt <= _now).ToList())
        {
            _timers.Remove(due);
            due.Timer.TrySetResult();
        }
        return true;
    });

    public override T GetInput<T>() => (T)input;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        ActivityCalls.Add((name, input));
        return Task.FromResult((TResult)activity(name, input)!);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = new TaskCompletionSource();
        cancellationToken.Register(() =>
        {
            _timers.RemoveAll(t => t.Timer == timer);
            timer.TrySetCanceled(cancellationToken);
        });
        _timers.Add((fireAt, timer));
        return timer.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var wait = new TaskCompletionSource<T>();
        _waits.Add(eventName, value => wait.TrySetResult((T)value!));
        return wait.Task;
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus;

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => throw new NotSupportedException();

    /// <summary>Without a synchronization context the orchestrator's continuations run inline, so each call returns once it waits again.</summary>
    private static T WithoutSynchronizationContext<T>(Func<T> run)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return run();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
