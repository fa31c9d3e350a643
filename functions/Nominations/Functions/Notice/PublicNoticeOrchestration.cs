using Gonghui.Functions.Nominations.Functions.Review;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Gonghui.Functions.Nominations.Functions.Notice;

/// <summary>The input of <see cref="PublicNoticeOrchestration"/>.</summary>
public sealed record PublicNoticeStart(string CampaignId, DateTimeOffset Ends);

/// <summary>The committee's approval of the final list, raised by its link.</summary>
public sealed record CommitteeApproval(string ActorId, string ActorName, DateTimeOffset At);

/// <summary>
/// The <c>PublicNotice</c> orchestration (instance id <c>notice-{campaignId}</c>), started by the publication: a durable
/// timer to the end of the notice period (and <see cref="LateObjectionMargin"/>), then, until every objection is
/// settled (each settlement raises <see cref="ObjectionSettledEvent"/>), it waits; then it sends the committee its link
/// to the final list, waits for the approval (<see cref="CommitteeApprovedEvent"/>), records it and hands each
/// nomination still selected to its own <see cref="NominationReviewOrchestration"/> as a final approval, which awards
/// it, files it to the registry and tells the union. Events raised to it early wait in its queue.
/// </summary>
public static class PublicNoticeOrchestration
{
    public const string Name = "PublicNotice";
    public const string ObjectionSettledEvent = "objection-settled";
    public const string CommitteeApprovedEvent = "committee-approved";

    /// <summary>
    /// How long after the period's end the notice first looks at the objections: a form accepted just before the end is
    /// written a moment later, and must be among those the notice waits for.
    /// </summary>
    public static readonly TimeSpan LateObjectionMargin = TimeSpan.FromSeconds(15);

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2));

    public static string InstanceId(string campaignId) => "notice-" + campaignId;

    [Function(Name)]
    public static async Task<int> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var start = context.GetInput<PublicNoticeStart>()!;
        await context.CreateTimer((start.Ends + LateObjectionMargin).UtcDateTime, CancellationToken.None);
        while (!await context.CallActivityAsync<bool>(PublicNoticeActivities.MayEndName, start.CampaignId, Retry))
            await context.WaitForExternalEvent<string>(ObjectionSettledEvent);
        await context.CallActivityAsync(PublicNoticeActivities.RequestCommitteeApprovalName, start.CampaignId, Retry);
        context.SetCustomStatus("awaiting_committee");
        var approval = await context.WaitForExternalEvent<CommitteeApproval>(CommitteeApprovedEvent);
        var winners = await context.CallActivityAsync<string[]>(PublicNoticeActivities.RecordCommitteeApprovalName,
            new CommitteeApprovalRecord(start.CampaignId, approval), Retry);
        foreach (var nominationId in winners)
            context.SendEvent(nominationId, NominationReviewOrchestration.ActionEvent,
                NominationAction.FinalApproved(approval.ActorId, approval.ActorName, approval.At));
        context.SetCustomStatus("approved");
        return winners.Length;
    }
}
