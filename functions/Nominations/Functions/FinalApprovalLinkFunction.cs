using Gonghui.Functions.Approvals;
using Gonghui.Functions.Http;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Functions.Notice;
using Gonghui.Functions.Nominations.Functions.Review;
using Gonghui.Functions.Nominations.Services.Notice;
using Gonghui.Functions.Nominations.Services.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Nominations.Functions;

/// <summary>
/// The committee's e-mailed link to the final list, <c>/api/nominations/final-approval/{token}</c>: <c>GET</c> shows
/// the list and decides nothing; <c>POST</c> approves it if the form carries this link's anti-forgery value and the
/// request is not cross-site. The task row moves Open → Decided under its ETag (single use), then the approval is
/// raised to the notice; a repeat that finds it decided while the notice still waits raises the recorded approval again.
/// </summary>
public sealed class FinalApprovalLinkFunction(ReviewLinkResolver links, ReviewTaskStore tasks, CampaignStore campaigns, PublicNoticeStore notices, NominationStore nominations,
    ObjectionStore objections, NominationReviewSettings settings, TimeProvider clock, ILogger<FinalApprovalLinkFunction> logger)
{
    [Function("NominationsFinalApprovalLink")]
    [PublicAccess]
    public async Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "nominations/final-approval/{token}")] HttpRequest req,
        string token, [DurableClient] DurableTaskClient durable)
    {
        var cancellationToken = req.HttpContext.RequestAborted;
        var isPost = HttpMethods.IsPost(req.Method);
        var form = isPost ? await CrossSiteRequest.ReadSameSiteFormAsync(req, settings.PublicBaseUrl, cancellationToken) : null;
        if (isPost && form is null)
        {
            logger.LogWarning("Cross-site or malformed POST to a final approval link refused");
            return Page(new ApprovalLinkState(ApprovalLinkPageKind.FormRejected));
        }
        var (gate, task) = await links.ResolveAsync(token, form?[ApprovalForm.FormToken].ToString(), isPost, cancellationToken);
        var board = task is null ? null : await NoticeBoard.ReadAsync(task.CampaignId, campaigns, notices, nominations, objections, cancellationToken);
        if (board is null || task!.Snapshot.TaskId != PublicNoticeActivities.CommitteeTaskId(board.Campaign.CampaignId))
            return Page(gate.Kind == ApprovalLinkPageKind.Confirm ? new ApprovalLinkState(ApprovalLinkPageKind.Invalid, gate.Claims) : gate);
        if (gate.Kind == ApprovalLinkPageKind.AlreadyDecided && task.Decision is { } recorded && board.Notice.Status == PublicNoticeStatus.AwaitingCommittee)
            await RaiseAsync(board, recorded, durable, cancellationToken);
        if (gate.Kind != ApprovalLinkPageKind.Confirm) return Page(gate);
        if (!isPost)
            return new HtmlPage(StatusCodes.Status200OK, FinalListPage.Confirmation(board, PublicNoticeSettings.CommitteeLinkPath(token),
                settings.Tokens.CreateFormToken(gate.Claims!), gate.Claims!.ExpiresAt));
        var now = clock.GetUtcNow();
        var approval = NominationAction.FinalApproved(PublicNoticeActivities.CommitteeId, board.Notice.CommitteeName, now);
        var conclusion = new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Decided, board.Notice.CommitteeName, "批准", now);
        var (won, current) = await tasks.TryDecideAsync(task.Snapshot.TaskId, approval, conclusion, gate.Claims!.Nonce, cancellationToken);
        if (!won)
            return Page(ApprovalLinkGate.Resolve(new ApprovalLinkVerification(ApprovalLinkOutcome.Valid, gate.Claims), current?.Snapshot));
        await RaiseAsync(board, approval, durable, cancellationToken);
        logger.LogInformation("Final list of {CampaignId} approved by the committee", board.Campaign.CampaignId);
        return new HtmlPage(StatusCodes.Status200OK, FinalListPage.Approved(board, conclusion));
    }

    private static Task RaiseAsync(NoticeBoard board, NominationAction approval, DurableTaskClient durable, CancellationToken cancellationToken) =>
        durable.RaiseEventAsync(PublicNoticeOrchestration.InstanceId(board.Campaign.CampaignId), PublicNoticeOrchestration.CommitteeApprovedEvent,
            new CommitteeApproval(approval.ActorId!, approval.ActorName!, approval.At), cancellationToken);

    private static HtmlPage Page(ApprovalLinkState state) => new(ApprovalPages.StatusOf(state.Kind), ApprovalPages.ForState(state));
}
