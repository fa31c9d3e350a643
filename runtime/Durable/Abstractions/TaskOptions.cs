namespace Gonghui.Durable;

/// <summary>Options for scheduling an activity or sub-orchestration, as Durable Task's TaskOptions.</summary>
public record TaskOptions(TaskRetryOptions? Retry = null)
{
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
}

/// <summary>How a task is retried.</summary>
public sealed record TaskRetryOptions(RetryPolicy Policy)
{
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);
}

/// <summary>Options for a sub-orchestration: its instance id (default: a deterministic new id) and version.</summary>
public record SubOrchestrationOptions(TaskRetryOptions? Retry = null, string? InstanceId = null, string? Version = null) : TaskOptions(Retry);
