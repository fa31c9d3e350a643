namespace Gonghui.Functions.Relief.Domain;

/// <summary>A decision as it arrives (from the link's form or the approver API) for the workflow to judge.</summary>
public sealed record ApprovalDecision(
    string TaskId,
    string DeciderId,
    ApprovalDecisionKind Kind,
    string? Comment,
    DateTimeOffset At);
