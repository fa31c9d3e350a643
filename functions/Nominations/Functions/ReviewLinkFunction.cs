using System.Globalization;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Http;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Services.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Nominations.Stores.Materials;
using Gonghui.Functions.Relief.Services;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Nominations.Functions;

/// <summary>
/// The e-mailed review link. <c>GET /api/nominations/review/{token}</c> shows the confirmation page and decides nothing
/// (mail scanners fetch links); <c>POST</c> decides if the form carries this link's anti-forgery value and the request
/// is not cross-site; <c>GET …/materials/{sha256}</c> reads one of that nomination's materials while the link is
/// genuine and unexpired, so a reviewer reads only the nominations sent to them. Public: the signed token is the credential.
/// </summary>
public sealed class ReviewLinkFunction(ReviewLinkResolver links, ReviewTaskStore tasks, NominationStore nominations, CampaignStore campaigns, NominationDecisions decisions,
    MaterialStore materials, NominationReviewSettings settings, TimeProvider clock, ILogger<ReviewLinkFunction> logger)
{
    private const string Route = "nominations/review/{token}";

    [Function("NominationReviewLink")]
    [PublicAccess]
    public async Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Route)] HttpRequest req, string token,
        [DurableClient] DurableTaskClient client)
    {
        var (status, html) = HttpMethods.IsPost(req.Method)
            ? await PostAsync(req.HttpContext, token, client)
            : await GetAsync(token, req.HttpContext.RequestAborted);
        return new HtmlPage(status, html);
    }

    [Function("NominationReviewMaterial")]
    [PublicAccess]
    public async Task<IResult> Material([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/materials/{sha256}")] HttpRequest req,
        string token, string sha256)
    {
        var cancellationToken = req.HttpContext.RequestAborted;
        var verification = settings.Tokens.Verify(token, clock.GetUtcNow());
        var task = verification.Claims is { } claims ? await tasks.GetAsync(claims.TaskId, cancellationToken) : null;
        if (!verification.IsValid || task is null
            || !task.Snapshot.IssuedLinks.Any(link => link.Nonce == verification.Claims!.Nonce && link.ApproverId == verification.Claims.ApproverId))
            return Problems.Forbidden("review_link_invalid", "The review link is not valid (altered, expired or not issued).");
        var nomination = await nominations.GetAsync(task.CampaignId, task.NominationId, cancellationToken);
        return await NominationFunctions.MaterialOfAsync(nomination, sha256, materials, cancellationToken);
    }

    private async Task<(int, string)> GetAsync(string token, CancellationToken cancellationToken)
    {
        var (gate, task) = await links.ResolveAsync(token, null, false, cancellationToken);
        if (gate.Kind != ApprovalLinkPageKind.Confirm) return Page(gate);
        return await ConfirmationAsync(token, gate.Claims!, task!, null, cancellationToken);
    }

    private async Task<(int, string)> PostAsync(HttpContext context, string token, DurableTaskClient durable)
    {
        var cancellationToken = context.RequestAborted;
        if (await CrossSiteRequest.ReadSameSiteFormAsync(context.Request, settings.PublicBaseUrl, cancellationToken) is not { } form)
        {
            logger.LogWarning("POST to a review link refused: cross-site or not a form");
            return Page(new ApprovalLinkState(ApprovalLinkPageKind.FormRejected));
        }
        var (gate, task) = await links.ResolveAsync(token, form[ApprovalForm.FormToken], true, cancellationToken);
        if (gate.Kind != ApprovalLinkPageKind.Confirm) return Page(gate);
        var claims = gate.Claims!;
        if (!WireNames<ReviewDecisionKind>.TryParse(form[ApprovalForm.Decision].ToString(), out var kind))
            return await ConfirmationAsync(token, claims, task!, "请选择同意、退回修改或不予推荐。", cancellationToken, StatusCodes.Status400BadRequest);
        int? days = int.TryParse(form[ReviewPages.RevisionDaysField].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var outcome = await decisions.DecideAsync(claims, task!, kind, form[ApprovalForm.Comment].ToString(), days, durable, cancellationToken);
        logger.LogInformation("Review link decision on {TaskId} by {ReviewerId}: {Outcome}", claims.TaskId, claims.ApproverId, outcome.Kind);
        return outcome.Kind switch
        {
            DecisionOutcomeKind.Accepted => (StatusCodes.Status200OK, ReviewPages.DecisionRecorded(outcome.Conclusion!, task!.NominationId, kind)),
            DecisionOutcomeKind.Refused => await ConfirmationAsync(token, claims, task!, outcome.Refusal!.Message, cancellationToken, StatusCodes.Status409Conflict),
            DecisionOutcomeKind.AlreadyClosed => Page(ApprovalLinkGate.Resolve(new ApprovalLinkVerification(ApprovalLinkOutcome.Valid, claims), outcome.Task)),
            _ => Page(new ApprovalLinkState(ApprovalLinkPageKind.Invalid, claims, Problem: ApprovalLinkOutcome.WrongBinding)),
        };
    }

    private async Task<(int, string)> ConfirmationAsync(string token, ApprovalLinkClaims claims, StoredReviewTask task, string? error,
        CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        var nomination = await nominations.GetAsync(task.CampaignId, task.NominationId, cancellationToken);
        var campaign = await campaigns.GetAsync(task.CampaignId, cancellationToken);
        // The task row is open but the saved state has moved on (or not yet arrived): the link cannot be used now.
        if (nomination is not { State: { Task: { } open } state, Details: { } details } || campaign is null || open.TaskId != claims.TaskId
            || open.Reviewers.FirstOrDefault(r => r.Id == claims.ApproverId) is not { } reviewer)
            return Page(new ApprovalLinkState(ApprovalLinkPageKind.Invalid, claims, Problem: ApprovalLinkOutcome.WrongBinding));
        var model = new ReviewPageModel(NominationCaseSummary.Build(campaign.Campaign, state, details), reviewer.Name,
            NominationReviewSettings.ReviewLinkPath(token), settings.Tokens.CreateFormToken(claims), claims.ExpiresAt, state.Timing.RevisionWorkingDays,
            [.. details.MaterialFields.Select(field => (Label(campaign.Campaign, field.Material), field.Material.Sha256))]);
        return (status, ReviewPages.Confirmation(model, error));
    }

    private static string Label(Campaign campaign, MaterialRef material)
    {
        var kind = material.Kind == Campaign.StaffVoteMinutesKind ? "职工表决记录"
            : campaign.RequiredMaterials.FirstOrDefault(required => required.Kind == material.Kind)?.Name ?? material.Kind;
        return $"{kind}：{material.FileName}";
    }

    private static (int, string) Page(ApprovalLinkState state) => (ApprovalPages.StatusOf(state.Kind), ApprovalPages.ForState(state));
}
