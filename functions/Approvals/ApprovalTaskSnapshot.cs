namespace Gonghui.Functions.Approvals;

public enum ApprovalTaskStatus
{
    Open = 1,
    Decided,

    /// <summary>Closed without a decision: the application was withdrawn or the step expired.</summary>
    Closed,
}

public enum ApprovalTaskConclusionKind
{
    Decided = 1,
    Withdrawn,
    Expired,
}

/// <summary>How a task ended: what, by whom (a decider or the person who withdrew), when.</summary>
/// <param name="Decision">For Decided, the decision as shown to people ("同意", "驳回", "退回补充材料").</param>
public sealed record ApprovalTaskConclusion(ApprovalTaskConclusionKind Kind, string? ByName, string? Decision, DateTimeOffset At);

/// <summary>One link issued for a task: recorded before the e-mail is sent, marked when used.</summary>
public sealed record IssuedLinkRecord(string Nonce, string ApproverId, DateTimeOffset IssuedAt, DateTimeOffset? UsedAt = null);

/// <summary>
/// What the store holds about one approval task (one row per task, updated with its ETag), as far as
/// link handling needs it. Single use: the decision write moves Status from Open to Decided under the
/// ETag and sets <see cref="IssuedLinkRecord.UsedAt"/>; a replay then finds Decided.
/// </summary>
public sealed record ApprovalTaskSnapshot(
    string TaskId,
    ApprovalTaskStatus Status,
    IReadOnlyList<IssuedLinkRecord> IssuedLinks,
    ApprovalTaskConclusion? Conclusion);
