namespace Gonghui.Functions.Approvals;

public enum ApprovalLinkPageKind
{
    /// <summary>Show the confirmation page (GET) or accept the decision (POST).</summary>
    Confirm = 1,

    /// <summary>Someone already decided this task: say who and when.</summary>
    AlreadyDecided,

    /// <summary>The application was withdrawn: the link no longer leads anywhere.</summary>
    Superseded,

    Expired,

    /// <summary>Tampered, malformed, unknown or retired key, or not a link issued for this task and approver.</summary>
    Invalid,

    /// <summary>A POST without this link's anti-forgery value.</summary>
    FormRejected,
}

/// <summary>The decision of the gate: which page to show, with what it needs.</summary>
public sealed record ApprovalLinkState(
    ApprovalLinkPageKind Kind,
    ApprovalLinkClaims? Claims = null,
    ApprovalTaskConclusion? Conclusion = null,
    ApprovalLinkOutcome? Problem = null);

/// <summary>
/// Combines a verified token with the store's task record into one answer, the same for GET and
/// POST, so the confirmation page is only shown when a POST would be accepted.
/// </summary>
public static class ApprovalLinkGate
{
    public static ApprovalLinkState Resolve(ApprovalLinkVerification verification, ApprovalTaskSnapshot? task)
    {
        if (verification.Claims is not { } claims || verification.Outcome is not (ApprovalLinkOutcome.Valid or ApprovalLinkOutcome.Expired))
            return new(ApprovalLinkPageKind.Invalid, Problem: verification.Outcome);
        if (task is null || task.TaskId != claims.TaskId
            || !task.IssuedLinks.Any(link => link.Nonce == claims.Nonce && link.ApproverId == claims.ApproverId))
            return new(ApprovalLinkPageKind.Invalid, claims, Problem: ApprovalLinkOutcome.WrongBinding);
        return task.Status switch
        {
            ApprovalTaskStatus.Decided => new(ApprovalLinkPageKind.AlreadyDecided, claims, task.Conclusion),
            ApprovalTaskStatus.Closed when task.Conclusion?.Kind == ApprovalTaskConclusionKind.Withdrawn =>
                new(ApprovalLinkPageKind.Superseded, claims, task.Conclusion),
            ApprovalTaskStatus.Closed => new(ApprovalLinkPageKind.Expired, claims, task.Conclusion),
            _ when verification.Outcome == ApprovalLinkOutcome.Expired => new(ApprovalLinkPageKind.Expired, claims),
            _ => new(ApprovalLinkPageKind.Confirm, claims),
        };
    }

    /// <summary>For the POST: as <see cref="Resolve"/>, and the form must carry this link's anti-forgery value.</summary>
    public static ApprovalLinkState ResolvePost(
        ApprovalLinkVerification verification, ApprovalTaskSnapshot? task, ApprovalLinkTokens tokens, string? formToken)
    {
        var state = Resolve(verification, task);
        return state.Kind == ApprovalLinkPageKind.Confirm && !tokens.IsValidFormToken(state.Claims!, formToken)
            ? state with { Kind = ApprovalLinkPageKind.FormRejected }
            : state;
    }
}
