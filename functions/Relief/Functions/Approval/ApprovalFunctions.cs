using Gonghui.Functions.Validation;
using Gonghui.Functions.Json;
using Microsoft.Azure.Functions.Worker;
using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Services;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief.Functions.Approval;

/// <summary>The body of POST /api/approvals/{taskId}/decision: "approve", "reject" or "return", and a comment.</summary>
public sealed record ApprovalDecisionRequest
{
    public string? Decision { get; init; }
    public string? Comment { get; init; }
}

/// <summary>
/// Approvers through the API. The approver is the API key's name (the id the approver directory lists), so a
/// key can only decide the tasks its approver was asked to.
/// </summary>
public sealed class ApprovalFunctions(ReliefDecisions decisions, ApprovalTaskStore tasks, TimeProvider clock)
{
    [Function("ApprovalDecide")]
    [ApiAccess(ApiRoles.Approver)]
    public async Task<IResult> Decide([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{taskId}/decision")] HttpRequest req,
        string taskId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<ApprovalDecisionRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (!WireNames<ApprovalDecisionKind>.TryParse(body.Value.Decision, out var kind))
            return Problems.Invalid("decision", "invalid_decision", "请选择 approve、reject 或 return。");
        var caller = req.HttpContext.GetApiCaller()!;
        var decision = new ApprovalDecision(taskId, caller.Name, kind, body.Value.Comment, clock.GetUtcNow());
        var outcome = await decisions.DecideAsync(decision, null, client, cancellationToken);
        return outcome.Kind switch
        {
            DecisionOutcomeKind.Accepted => Results.Json(new { taskId, decision = kind, decidedBy = outcome.Conclusion!.ByName, decidedAt = outcome.Conclusion.At },
                AppJson.Options),
            DecisionOutcomeKind.Refused when outcome.Refusal!.Code == ReliefApprovalWorkflow.NotAnApprover =>
                Problems.Forbidden("relief.not_an_approver", outcome.Refusal.Message),
            DecisionOutcomeKind.Refused when outcome.Refusal.Code is ReliefApprovalWorkflow.CommentRequired or ReliefApprovalWorkflow.CommentTooLong =>
                Problems.Invalid("comment", outcome.Refusal.Code, outcome.Refusal.Message),
            DecisionOutcomeKind.Refused => Problems.Conflict("relief." + outcome.Refusal.Code, outcome.Refusal.Message),
            DecisionOutcomeKind.AlreadyClosed => Problems.Conflict("relief.already_decided",
                $"Task {taskId} was closed before: {outcome.Conclusion?.Kind} by {outcome.Conclusion?.ByName} at {outcome.Conclusion?.At:O}."),
            _ => Problems.NotFound($"No approval task {taskId}.", "relief.approval_task_not_found"),
        };
    }

    [Function("ApprovalListPending")]
    [ApiAccess(ApiRoles.Approver)]
    public async Task<IResult> ListPending([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var status = req.Query["status"].ToString();
        if (status is not ("" or "pending"))
            return Problems.Invalid("status", "unsupported_status", "Only status=pending is supported.");
        var caller = req.HttpContext.GetApiCaller()!;
        return Results.Json(new { approverId = caller.Name, tasks = await tasks.ListOpenAsync(caller.Name, cancellationToken) }, AppJson.Options);
    }
}
