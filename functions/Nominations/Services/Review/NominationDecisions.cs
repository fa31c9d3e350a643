using Gonghui.Functions.Approvals;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Functions.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Relief.Services;
using Microsoft.DurableTask.Client;

namespace Gonghui.Functions.Nominations.Services.Review;

/// <summary>
/// A reviewer's decision through a link: checked against the workflow first (a refusal spends no link), then the task
/// row moves Open → Decided under its ETag (the single use; of racing reviewers one wins), then the decision is raised
/// to the review. A return carries its deadline, counted here on the working calendar. A repeat that finds the task
/// decided while the review still waits on it raises the recorded decision again, so a crash between the row write
/// and the raise loses nothing.
/// </summary>
public sealed class NominationDecisions(ReviewTaskStore tasks, NominationStore nominations, ReliefCalendar calendar,
    NominationReviewSettings settings, TimeProvider clock)
{
    public async Task<DecisionOutcome> DecideAsync(ApprovalLinkClaims claims, StoredReviewTask task, ReviewDecisionKind kind, string? comment,
        int? revisionWorkingDays, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var nomination = await nominations.GetAsync(task.CampaignId, task.NominationId, cancellationToken);
        if (nomination?.State is not { } state) return new(DecisionOutcomeKind.NotFound);
        if (task.Snapshot.Status != ApprovalTaskStatus.Open) return await ClosedAsync(task, state, durable, cancellationToken);
        var now = clock.GetUtcNow();
        var decision = new ReviewDecision(claims.TaskId, claims.ApproverId, kind, comment, now, kind == ReviewDecisionKind.Return ? revisionWorkingDays : null);
        if (NominationReviewWorkflow.CheckDecision(state, decision) is { } refusal)
            return new(DecisionOutcomeKind.Refused, Refusal: refusal, Task: task.Snapshot);
        DateTimeOffset? due = kind == ReviewDecisionKind.Return
            ? (await calendar.AdderAsync(settings.WorkingDayLength, cancellationToken))(now, revisionWorkingDays ?? state.Timing.RevisionWorkingDays)
            : null;
        var reviewer = state.Task!.Reviewers.First(r => r.Id == claims.ApproverId);
        var conclusion = new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Decided, reviewer.Name, kind.ChineseName(), now);
        var action = NominationAction.Decided(decision, due);
        var (won, current) = await tasks.TryDecideAsync(claims.TaskId, action, conclusion, claims.Nonce, cancellationToken);
        if (!won) return await ClosedAsync(current!, state, durable, cancellationToken);
        await durable.RaiseEventAsync(task.NominationId, NominationReviewOrchestration.ActionEvent, action, cancellationToken);
        return new(DecisionOutcomeKind.Accepted, conclusion, Task: current!.Snapshot);
    }

    private static async Task<DecisionOutcome> ClosedAsync(StoredReviewTask task, NominationReviewState state, DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (task is { Snapshot.Status: ApprovalTaskStatus.Decided, Decision: { } recorded }
            && state is { Status: NominationStatus.InReview, Task: { } open } && open.TaskId == task.Snapshot.TaskId)
            await durable.RaiseEventAsync(task.NominationId, NominationReviewOrchestration.ActionEvent, recorded, cancellationToken);
        return new(DecisionOutcomeKind.AlreadyClosed, task.Snapshot.Conclusion, Task: task.Snapshot);
    }
}
