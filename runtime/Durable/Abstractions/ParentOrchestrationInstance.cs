namespace Gonghui.Durable;

/// <summary>The orchestration that started this one as a sub-orchestration.</summary>
public sealed record ParentOrchestrationInstance(TaskName Name, string InstanceId)
{
    /// <summary>The parent's execution the completion is addressed to.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The parent's task id for this sub-orchestration.</summary>
    public int TaskScheduledId { get; init; }
}
