using Gonghui.Functions.Approvals;
using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Services;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief.Functions.Approval;

/// <summary>
/// <c>GET /api/approvals/{token}</c> shows the confirmation page and decides nothing (mail scanners fetch links);
/// <c>POST /api/approvals/{token}</c> decides, if the form carries this link's anti-forgery value and the request is
/// not cross-site. Public: the signed token is the credential. Every answer is a Simplified Chinese page served with
/// no-store and a strict CSP.
/// </summary>
public sealed class ApprovalLinkFunction(ApprovalTaskStore tasks, ApplicationStore applications, ReliefDecisions decisions,
    ReliefSettingsAccessor settings, TimeProvider clock, ILogger<ApprovalLinkFunction> logger)
{
    /// <summary>The link's path under the host.json route prefix ("api"), the same for every host.</summary>
    public static string PathOf(string token) => "/api/approvals/" + token;

    [Function("ApprovalLink")]
    [PublicAccess]
    public async Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "approvals/{token}")] HttpRequest req,
        string token, [DurableClient] DurableTaskClient client)
    {
        var (status, html) = HttpMethods.IsPost(req.Method)
            ? await PostAsync(req.HttpContext, token, client)
            : await GetAsync(token, req.HttpContext.RequestAborted);
        return new HtmlPage(status, html);
    }

    private async Task<(int, string)> GetAsync(string token, CancellationToken cancellationToken)
    {
        var (gate, task) = await ResolveAsync(token, null, false, cancellationToken);
        if (gate.Kind != ApprovalLinkPageKind.Confirm) return Page(gate);
        return await ConfirmationAsync(token, gate.Claims!, task!, null, cancellationToken);
    }

    private async Task<(int, string)> PostAsync(HttpContext context, string token, DurableTaskClient durable)
    {
        var cancellationToken = context.RequestAborted;
        if (await CrossSiteRequest.ReadSameSiteFormAsync(context.Request, settings.Value.PublicBaseUrl, cancellationToken) is not { } form)
        {
            logger.LogWarning("POST to an approval link refused: cross-site or not a form");
            return Page(new ApprovalLinkState(ApprovalLinkPageKind.FormRejected));
        }
        var (gate, task) = await ResolveAsync(token, form[ApprovalForm.FormToken], true, cancellationToken);
        if (gate.Kind == ApprovalLinkPageKind.AlreadyDecided)
            await decisions.ReraiseRecordedAsync(task!, application: null, durable, cancellationToken);
        if (gate.Kind != ApprovalLinkPageKind.Confirm) return Page(gate);
        var claims = gate.Claims!;
        var read = ReliefApprovalLink.ReadDecision(claims, form[ApprovalForm.Decision], form[ApprovalForm.Comment], clock.GetUtcNow());
        if (!read.IsValid) return await ConfirmationAsync(token, claims, task!, read.Errors[0].Message, cancellationToken);
        var outcome = await decisions.DecideAsync(read.Value!, claims.Nonce, durable, cancellationToken);
        logger.LogInformation("Approval link decision on {TaskId} by {ApproverId}: {Outcome}", claims.TaskId, claims.ApproverId, outcome.Kind);
        return outcome.Kind switch
        {
            DecisionOutcomeKind.Accepted => (StatusCodes.Status200OK, ApprovalPages.DecisionRecorded(outcome.Conclusion!, task!.ApplicationId)),
            DecisionOutcomeKind.Refused => await ConfirmationAsync(token, claims, task!, outcome.Refusal!.Message, cancellationToken, StatusCodes.Status409Conflict),
            DecisionOutcomeKind.AlreadyClosed => Page(ApprovalLinkGate.Resolve(new ApprovalLinkVerification(ApprovalLinkOutcome.Valid, claims), outcome.Task)),
            _ => Page(new ApprovalLinkState(ApprovalLinkPageKind.Invalid, claims, Problem: ApprovalLinkOutcome.WrongBinding)),
        };
    }

    private async Task<(ApprovalLinkState Gate, StoredApprovalTask? Task)> ResolveAsync(
        string token, string? formToken, bool isPost, CancellationToken cancellationToken)
    {
        var tokens = settings.Tokens;
        var verification = tokens.Verify(token, clock.GetUtcNow());
        var task = verification.Claims is { } claims ? await tasks.GetAsync(claims.TaskId, cancellationToken) : null;
        var gate = isPost
            ? ApprovalLinkGate.ResolvePost(verification, task?.Snapshot, tokens, formToken)
            : ApprovalLinkGate.Resolve(verification, task?.Snapshot);
        return (gate, task);
    }

    private async Task<(int, string)> ConfirmationAsync(string token, ApprovalLinkClaims claims, StoredApprovalTask task, string? error,
        CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        var application = await applications.GetAsync(task.ApplicationId, cancellationToken);
        // The task row is open but the saved state has moved on (or not yet arrived): the link cannot be used now.
        if (application?.State is not { Task: { } open } state || open.TaskId != claims.TaskId || open.Deciders.All(a => a.Id != claims.ApproverId))
            return Page(new ApprovalLinkState(ApprovalLinkPageKind.Invalid, claims, Problem: ApprovalLinkOutcome.WrongBinding));
        var model = ReliefApprovalLink.ConfirmationModel(state, application.Details, claims, settings.Tokens,
            PathOf(token), ReliefMail.MaskPhone);
        return (status, ApprovalPages.Confirmation(model, error));
    }

    private static (int, string) Page(ApprovalLinkState state) => (ApprovalPages.StatusOf(state.Kind), ApprovalPages.ForState(state));
}
