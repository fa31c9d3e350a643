using System.Text.Json.Serialization;

namespace Gonghui.Durable;

/// <summary>Kinds of history events, with Durable Task's names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventType>))]
public enum EventType
{
    ExecutionStarted,
    OrchestratorStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    SubOrchestrationInstanceCreated,
    SubOrchestrationInstanceCompleted,
    SubOrchestrationInstanceFailed,
    TimerCreated,
    TimerFired,
    EventRaised,
    EventSent,
    ExecutionCompleted,
    ExecutionTerminated,
    ExecutionSuspended,
    ExecutionResumed,
}

/// <summary>
/// One event of an orchestration's history. Scheduling events (TaskScheduled, TimerCreated,
/// SubOrchestrationInstanceCreated, EventSent) carry the orchestrator's <see cref="EventId"/> (its task id);
/// completions refer back to it with <see cref="TaskScheduledId"/>. Only the fields a kind uses are set.
/// </summary>
public sealed record HistoryEvent(EventType EventType, DateTimeOffset Timestamp)
{
    public int EventId { get; init; } = -1;
    public int? TaskScheduledId { get; init; }
    public string? Name { get; init; }
    public string? Version { get; init; }
    public string? Input { get; init; }
    public string? Result { get; init; }
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The other instance: a sub-orchestration's id, or the target of a sent event.</summary>
    public string? InstanceId { get; init; }

    /// <summary>For ExecutionStarted: the execution it starts.</summary>
    public string? ExecutionId { get; init; }

    public ParentOrchestrationInstance? ParentInstance { get; init; }
    public DateTimeOffset? FireAt { get; init; }
    public DateTimeOffset? ScheduledStartTime { get; init; }

    /// <summary>For EventRaised: the id of the message that carried it (duplicates are detected by it).</summary>
    public string? MessageId { get; init; }

    /// <summary>For ExecutionCompleted: Completed, Failed or ContinuedAsNew.</summary>
    public OrchestrationRuntimeStatus? OrchestrationStatus { get; init; }

    internal bool IsScheduling => EventType is EventType.TaskScheduled or EventType.TimerCreated
        or EventType.SubOrchestrationInstanceCreated or EventType.EventSent;

    internal bool IsTaskResult => EventType is EventType.TaskCompleted or EventType.TaskFailed
        or EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed or EventType.TimerFired;
}
