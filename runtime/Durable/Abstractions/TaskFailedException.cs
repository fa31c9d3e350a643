namespace Gonghui.Durable;

/// <summary>An activity or sub-orchestration the orchestrator awaited has failed; <see cref="FailureDetails"/> says how.</summary>
public sealed class TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
    : Exception($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
{
    public string TaskName { get; } = taskName;
    public int TaskId { get; } = taskId;
    public TaskFailureDetails FailureDetails { get; } = failureDetails;
}
