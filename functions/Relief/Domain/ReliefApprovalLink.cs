using Gonghui.Functions.Approvals;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The relief side of GET and POST /api/approvals/{token}: the confirmation page's model for the link's
/// approver, and the decision read from the posted form. Order for the POST: gate
/// (<see cref="ApprovalLinkGate.ResolvePost"/>) → <see cref="ReadDecision"/> →
/// <see cref="ReliefApprovalWorkflow.CheckDecision"/> (a refusal re-renders the page with its
/// message) → record on the task row under its ETag → raise the event to the orchestration.
/// </summary>
public static class ReliefApprovalLink
{
    public static ConfirmationPageModel ConfirmationModel(
        ReliefApprovalState state, ReliefApplicationDetails details, ApprovalLinkClaims claims, ApprovalLinkTokens tokens,
        string formAction, Func<string, string> maskPhone)
    {
        var task = state.Task ?? throw new InvalidOperationException($"Application {state.ApplicationId} has no open approval task.");
        var approver = task.Deciders.FirstOrDefault(a => a.Id == claims.ApproverId)
            ?? throw new InvalidOperationException($"Approver {claims.ApproverId} may not decide task {task.TaskId}.");
        return new ConfirmationPageModel(
            ReliefCaseSummary.Build(state, details, maskPhone),
            ReliefCaseSummary.Step(state),
            approver.Name,
            formAction,
            tokens.CreateFormToken(claims),
            claims.ExpiresAt,
            Math.Max(0, state.MaxReturns - state.ReturnCount),
            ReliefApprovalWorkflow.MaxCommentLength);
    }

    /// <summary>The decision in the form fields <see cref="ApprovalForm.Decision"/> and <see cref="ApprovalForm.Comment"/>, by the link's approver.</summary>
    public static ValidationResult<ApprovalDecision> ReadDecision(ApprovalLinkClaims claims, string? decision, string? comment, DateTimeOffset at) =>
        WireNames<ApprovalDecisionKind>.TryParse(decision, out var kind)
            ? ValidationResult<ApprovalDecision>.Valid(new ApprovalDecision(claims.TaskId, claims.ApproverId, kind, comment, at))
            : ValidationResult<ApprovalDecision>.Invalid([new FieldError(ApprovalForm.Decision, "invalid_decision", "请选择同意、驳回或退回补充材料。")]);

    /// <summary>What the POST records on the task row for a decision accepted by <see cref="ReliefApprovalWorkflow.CheckDecision"/>.</summary>
    public static ApprovalTaskConclusion Conclusion(ReliefApprovalState state, ApprovalDecision decision)
    {
        var decider = state.Task?.Deciders.FirstOrDefault(a => a.Id == decision.DeciderId)
            ?? throw new InvalidOperationException($"{decision.DeciderId} may not decide {decision.TaskId}.");
        return new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Decided, decider.Name, decision.Kind.ChineseName(), decision.At);
    }

    /// <summary>
    /// What the store records for a <see cref="CloseApprovalTask"/> effect, from the history entry
    /// that closed the task (the last entry of the step's state).
    /// </summary>
    public static ApprovalTaskConclusion Conclusion(ReliefHistoryEntry closing) => closing.Kind switch
    {
        ReliefEventKind.Approved or ReliefEventKind.Rejected or ReliefEventKind.Returned =>
            new(ApprovalTaskConclusionKind.Decided, closing.ActorName, ReliefCaseSummary.DecisionName(closing.Kind), closing.At),
        ReliefEventKind.Withdrawn => new(ApprovalTaskConclusionKind.Withdrawn, closing.ActorName, null, closing.At),
        ReliefEventKind.Expired => new(ApprovalTaskConclusionKind.Expired, null, null, closing.At),
        _ => throw new ArgumentException($"{closing.Kind} does not close an approval task.", nameof(closing)),
    };
}
