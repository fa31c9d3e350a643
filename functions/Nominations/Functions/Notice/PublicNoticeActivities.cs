using Gonghui.Functions.Approvals;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Services.Notice;
using Gonghui.Functions.Nominations.Services.Review;
using Gonghui.Functions.Nominations.Stores;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Nominations.Functions.Notice;

/// <summary>The input of <see cref="PublicNoticeActivities.RecordCommitteeApproval"/>.</summary>
public sealed record CommitteeApprovalRecord(string CampaignId, CommitteeApproval Approval);

/// <summary>
/// The activities of <see cref="PublicNoticeOrchestration"/>, each safe to repeat: whether the notice may end (its
/// period over, no objection under investigation); the committee's task row, link and e-mail (the mail keyed by
/// campaign, so a repeat sends nothing twice); recording the approval and answering the nominations to award.
/// </summary>
public sealed class PublicNoticeActivities(CampaignStore campaigns, PublicNoticeStore notices, NominationStore nominations, ObjectionStore objections,
    ReviewTaskStore tasks, NoticeMail mail, NominationReviewSettings reviewSettings, TimeProvider clock, ILogger<PublicNoticeActivities> logger)
{
    public const string MayEndName = "PublicNoticeMayEnd";
    public const string RequestCommitteeApprovalName = "PublicNoticeRequestCommitteeApproval";
    public const string RecordCommitteeApprovalName = "PublicNoticeRecordCommitteeApproval";

    /// <summary>The approver id of the committee on its link.</summary>
    public const string CommitteeId = "committee";

    /// <summary>The committee's task row (in the review tasks' table; it belongs to no nomination).</summary>
    public static string CommitteeTaskId(string campaignId) => "final-" + campaignId;

    [Function(MayEndName)]
    public async Task<bool> MayEnd([ActivityTrigger] string campaignId, CancellationToken cancellationToken)
    {
        var notice = await notices.GetAsync(campaignId, cancellationToken) ?? throw new InvalidOperationException($"Campaign {campaignId} has no notice.");
        var filed = await objections.ListAsync(campaignId, cancellationToken);
        var mayEnd = notice.Period.CanEnd(clock.GetUtcNow(), filed);
        logger.LogInformation("Notice of {CampaignId}: {Open} objections under investigation, may end: {MayEnd}", campaignId,
            filed.Count(o => o.Status == ObjectionStatus.Investigating), mayEnd);
        return mayEnd;
    }

    [Function(RequestCommitteeApprovalName)]
    public async Task RequestCommitteeApproval([ActivityTrigger] string campaignId, CancellationToken cancellationToken)
    {
        await notices.ChangeAsync(campaignId, n => n.Status == PublicNoticeStatus.Running ? n with { Status = PublicNoticeStatus.AwaitingCommittee } : null,
            cancellationToken);
        var board = await NoticeBoard.ReadAsync(campaignId, campaigns, notices, nominations, objections, cancellationToken)
            ?? throw new InvalidOperationException($"Campaign {campaignId} has no notice.");
        var now = clock.GetUtcNow();
        var taskId = CommitteeTaskId(campaignId);
        var link = reviewSettings.Tokens.Issue(taskId, CommitteeId, now, now + NominationReviewSettings.LinkLifetime);
        await tasks.OpenAsync(campaignId, "", taskId, [new IssuedLinkRecord(link.Claims.Nonce, CommitteeId, link.Claims.IssuedAt)], cancellationToken);
        await mail.CommitteeRequestAsync(board, reviewSettings.PublicBaseUrl + PublicNoticeSettings.CommitteeLinkPath(link.Token), link.Claims.ExpiresAt,
            cancellationToken);
        logger.LogInformation("Notice of {CampaignId} ended; final list sent to the committee", campaignId);
    }

    /// <summary>Marks the notice approved; answers the nominations to award (listed, not withdrawn, still selected).</summary>
    [Function(RecordCommitteeApprovalName)]
    public async Task<string[]> RecordCommitteeApproval([ActivityTrigger] CommitteeApprovalRecord record, CancellationToken cancellationToken)
    {
        await notices.ChangeAsync(record.CampaignId, n => n.Status == PublicNoticeStatus.Approved ? null
            : n with { Status = PublicNoticeStatus.Approved, ApprovedByName = record.Approval.ActorName, ApprovedAt = record.Approval.At }, cancellationToken);
        var board = await NoticeBoard.ReadAsync(record.CampaignId, campaigns, notices, nominations, objections, cancellationToken)
            ?? throw new InvalidOperationException($"Campaign {record.CampaignId} has no notice.");
        logger.LogInformation("Final list of {CampaignId} approved: {Count} to award", record.CampaignId, board.WinnerIds.Count);
        return [.. board.WinnerIds];
    }
}
