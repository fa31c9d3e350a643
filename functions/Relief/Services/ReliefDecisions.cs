using Microsoft.DurableTask.Client;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Functions.Approval;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief.Services;

public enum DecisionOutcomeKind
{
    Accepted = 1,

    /// <summary>The workflow would not take it (wrong approver, missing comment, no returns left, ...); nothing was recorded.</summary>
    Refused,

    /// <summary>The task was decided or closed before.</summary>
    AlreadyClosed,

    NotFound,
}

public sealed record DecisionOutcome(DecisionOutcomeKind Kind, ApprovalTaskConclusion? Conclusion = null, WorkflowRefusal? Refusal = null,
    ApprovalTaskSnapshot? Task = null);

/// <summary>
/// One decision path for the link POST and the approver API: check it against the workflow, move the task row
/// Open → Decided under its ETag (the single use), then raise it to the orchestration. A repeat that finds the task
/// decided raises the recorded decision again, so a crash between the row write and the raise loses nothing
/// (the orchestration ignores a decision it has seen).
/// </summary>
public sealed class ReliefDecisions(ApprovalTaskStore tasks, ApplicationStore applications)
{
    public async Task<DecisionOutcome> DecideAsync(ApprovalDecision decision, string? linkNonce, DurableTaskClient durable,
        CancellationToken cancellationToken = default)
    {
        // The task id names its application, so both rows are read at once.
        var applicationRead = ApprovalTask.ApplicationIdOf(decision.TaskId) is { } named ? applications.GetAsync(named, cancellationToken) : null;
        var task = await tasks.GetAsync(decision.TaskId, cancellationToken);
        var application = applicationRead is null ? null : await applicationRead;
        if (task is null) return new(DecisionOutcomeKind.NotFound);
        if (application?.ApplicationId != task.ApplicationId)
            application = await applications.GetAsync(task.ApplicationId, cancellationToken);
        if (task.Snapshot.Status != ApprovalTaskStatus.Open) return await ClosedAsync(task, application, durable, cancellationToken);
        var state = application?.State;
        if (state is null) return new(DecisionOutcomeKind.NotFound);
        if (ReliefApprovalWorkflow.CheckDecision(state, decision) is { } refusal) return new(DecisionOutcomeKind.Refused, Refusal: refusal, Task: task.Snapshot);
        var conclusion = ReliefApprovalLink.Conclusion(state, decision);
        var (won, current) = await tasks.TryDecideAsync(task, decision.TaskId, decision, conclusion, linkNonce, cancellationToken);
        if (!won) return await ClosedAsync(current!, application: null, durable, cancellationToken);
        await durable.RaiseEventAsync(task.ApplicationId, ReliefApprovalOrchestration.ActionEvent, ReliefAction.Decided(decision), cancellationToken);
        return new(DecisionOutcomeKind.Accepted, conclusion, Task: current!.Snapshot);
    }

    /// <summary>
    /// Raises the decision recorded on <paramref name="task"/> again while the saved state still waits on that task: the
    /// raise that followed the row's write may have been lost to a crash. A repeat of the link's POST or of the API call
    /// comes here; the orchestration refuses a decision on a task it has moved past.
    /// </summary>
    public async Task ReraiseRecordedAsync(StoredApprovalTask task, StoredApplication? application, DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (task.Snapshot.Status == ApprovalTaskStatus.Decided && task.Decision is { } recorded
            && (application ?? await applications.GetAsync(task.ApplicationId, cancellationToken))?.State is { Status: ReliefApplicationStatus.AwaitingDecision } state
            && state.Task?.TaskId == task.Snapshot.TaskId)
            await durable.RaiseEventAsync(task.ApplicationId, ReliefApprovalOrchestration.ActionEvent, ReliefAction.Decided(recorded), cancellationToken);
    }

    private async Task<DecisionOutcome> ClosedAsync(StoredApprovalTask task, StoredApplication? application, DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        await ReraiseRecordedAsync(task, application, durable, cancellationToken);
        return new(DecisionOutcomeKind.AlreadyClosed, task.Snapshot.Conclusion, Task: task.Snapshot);
    }
}
