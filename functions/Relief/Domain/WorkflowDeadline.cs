namespace Gonghui.Functions.Relief.Domain;

/// <summary>The next timer the orchestration should arm for the open task; feed it to <see cref="ReliefApprovalWorkflow.TimerFired"/>.</summary>
public sealed record WorkflowDeadline(string TaskId, DateTimeOffset At, ReliefEventKind Kind);
