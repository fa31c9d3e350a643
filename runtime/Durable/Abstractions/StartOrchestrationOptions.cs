namespace Gonghui.Durable;

/// <summary>Options for starting an orchestration: instance id (default: a new GUID), start time, version.</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    public string? Version { get; init; }
}
