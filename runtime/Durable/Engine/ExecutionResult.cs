namespace Gonghui.Durable.Engine;

/// <summary>What one replay of an orchestrator decided: new scheduling events and, if it finished, how.</summary>
internal sealed class ExecutionResult
{
    public required List<HistoryEvent> NewActions { get; init; }

    /// <summary>Null while the orchestration keeps running; else Completed, Failed or ContinuedAsNew.</summary>
    public OrchestrationRuntimeStatus? Completion { get; init; }

    public string? Output { get; init; }
    public TaskFailureDetails? Failure { get; init; }
    public bool CustomStatusSet { get; init; }
    public string? CustomStatus { get; init; }

    /// <summary>For ContinuedAsNew: the events raised but not consumed, to replay into the next execution.</summary>
    public List<HistoryEvent> CarryOverEvents { get; init; } = [];
}
