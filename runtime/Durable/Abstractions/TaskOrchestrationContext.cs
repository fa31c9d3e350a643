using Microsoft.Extensions.Logging;

namespace Gonghui.Durable;

/// <summary>
/// What an orchestrator uses to schedule durable work, as Microsoft.DurableTask's TaskOrchestrationContext.
/// Orchestrator code is replayed from history: it must be deterministic (use <see cref="CurrentUtcDateTime"/> and
/// <see cref="NewGuid"/>, never the clock, random numbers or I/O) and must not use ConfigureAwait(false).
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract TaskName Name { get; }
    public abstract string InstanceId { get; }
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>The time this step of the orchestration started, the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes steps already recorded in history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The orchestrator version this instance runs (it keeps it for its whole life).</summary>
    public abstract string Version { get; }

    public abstract T? GetInput<T>();

    public Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    public Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>A durable timer firing at <paramref name="fireAt"/> (UTC); any length, also beyond the 7-day queue limit.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an event raised with this name (case-insensitive). Events that arrive before the wait are buffered;
    /// waits and events of one name pair up first-in first-out.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="WaitForExternalEvent{T}(string, CancellationToken)"/>; throws TaskCanceledException when the timeout fires first.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default);

    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the instance with a new input and empty history once the orchestrator returns.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay (name-based, from the instance id, time and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes nothing while the orchestrator replays.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
