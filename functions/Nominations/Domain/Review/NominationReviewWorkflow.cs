using System.Globalization;
using Gonghui.Functions.Nominations.Domain.Quotas;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Nominations.Domain.Review;

/// <summary>
/// The review of one nomination, county → city → province, as a pure state machine. The orchestration feeds it
/// events (answers of activities, decisions, timers, the union's and the committee's actions) and carries out the
/// returned effects; nothing here touches storage, mail or the clock.
/// </summary>
/// <remarks>
/// Submit → OpenReviewTask → OpenTask (e-mail) → Decide: approve → ReserveQuotaPlace → RecordQuota (a place:
/// forwarded to the next level, or selected at the province; none: the task is asked again) | return → Resubmit
/// before the deadline (the same level reviews again) or TimerFired (withdrawn) | reject. A reminder goes out once
/// the reminder time passes without a decision. Selected → ObjectionUpheld (withdrawn) or FinalApprove → FileToRegistry
/// → RecordFiled.
/// </remarks>
public static class NominationReviewWorkflow
{
    public const int MaxCommentLength = 1000;
    public const int MaxRevisionWorkingDays = 30;

    public const string NotInReview = "not_in_review";
    public const string TaskSuperseded = "task_superseded";
    public const string NotAReviewer = "not_a_reviewer";
    public const string CommentRequired = "comment_required";
    public const string CommentTooLong = "comment_too_long";
    public const string InvalidRevisionDays = "invalid_revision_days";
    public const string NotReturned = "not_returned";
    public const string RevisionDeadlinePassed = "revision_deadline_passed";
    public const string CannotWithdraw = "cannot_withdraw";
    public const string NotSelected = "not_selected";
    public const string UnexpectedEvent = "unexpected_event";

    /// <summary>A submitted nomination (its content checked and stored already) starts its review at the county.</summary>
    public static NominationReviewStep Submit(
        string nominationId, Campaign campaign, string unionId, string countyCode, string submittedById, string submittedByName, DateTimeOffset at)
    {
        var state = new NominationReviewState
        {
            NominationId = nominationId,
            CampaignId = campaign.CampaignId,
            UnionId = unionId,
            CountyCode = countyCode,
            Timing = campaign.Timing,
            Status = NominationStatus.Routing,
            History = [new NominationHistoryEntry(at, NominationEventKind.Submitted, submittedById, submittedByName)],
        };
        return Route(state, note: null);
    }

    /// <summary>The reviewers of the task's level were looked up: open the task and e-mail them.</summary>
    public static NominationReviewStep OpenTask(
        NominationReviewState state, string taskId, IReadOnlyList<Reviewer> reviewers, DateTimeOffset at, WorkingDayAdder addWorkingDays, string? note = null)
    {
        if (state.Status != NominationStatus.Routing || taskId != CurrentTaskId(state) || reviewers.Count == 0)
            return Unexpected(state, "open task");
        var task = new ReviewTask
        {
            TaskId = taskId,
            Level = state.Level,
            Round = state.Round,
            Attempt = state.Attempt,
            Reviewers = reviewers,
            OpenedAt = at,
            ReminderAt = addWorkingDays(at, state.Timing.ReminderAfterWorkingDays),
        };
        var waiting = Append(state with { Status = NominationStatus.InReview, Task = task },
            new NominationHistoryEntry(at, NominationEventKind.TaskOpened, Level: state.Level, TaskId: taskId));
        return Step(waiting, new SendReviewRequest(task, note));
    }

    /// <summary>
    /// Whether <see cref="Decide"/> would accept this decision. Call it before recording the decision on the task row
    /// (which uses the link), so that a refused decision never consumes a link.
    /// </summary>
    public static WorkflowRefusal? CheckDecision(NominationReviewState state, ReviewDecision decision)
    {
        if (state.Status != NominationStatus.InReview || state.Task is not { } task)
            return new(NotInReview, "该推荐当前不在待审核状态。");
        if (decision.TaskId != task.TaskId)
            return new(TaskSuperseded, "该审核事项已被新的审核环节取代。");
        if (task.Reviewers.All(reviewer => reviewer.Id != decision.DeciderId))
            return new(NotAReviewer, "您不是该审核事项的审核人。");
        var comment = Normalized(decision.Comment);
        if (comment is null && decision.Kind != ReviewDecisionKind.Approve)
            return new(CommentRequired, "退回修改或不予推荐时须填写意见。");
        if (comment?.Length > MaxCommentLength)
            return new(CommentTooLong, $"审核意见最长 {MaxCommentLength} 个字符。");
        if (decision is { Kind: ReviewDecisionKind.Return, RevisionWorkingDays: { } days } && days is < 1 or > MaxRevisionWorkingDays)
            return new(InvalidRevisionDays, $"修改期限应为 1 到 {MaxRevisionWorkingDays} 个工作日。");
        return null;
    }

    public static NominationReviewStep Decide(NominationReviewState state, ReviewDecision decision, WorkingDayAdder addWorkingDays)
    {
        if (CheckDecision(state, decision) is { } refusal) return new(state, [], refusal);
        var task = state.Task!;
        var decider = task.Reviewers.First(reviewer => reviewer.Id == decision.DeciderId);
        var comment = Normalized(decision.Comment);
        switch (decision.Kind)
        {
            case ReviewDecisionKind.Approve:
                return Step(state with { Status = NominationStatus.Forwarding, PendingApproval = decision },
                    new ReserveQuotaPlace(new QuotaKey(state.CampaignId, state.Level, state.LevelRegionCode), state.NominationId));
            case ReviewDecisionKind.Return:
                var due = addWorkingDays(decision.At, decision.RevisionWorkingDays ?? state.Timing.RevisionWorkingDays);
                return Notify(Append(state with { Status = NominationStatus.Returned, Task = null, RevisionDue = due },
                        new NominationHistoryEntry(decision.At, NominationEventKind.Returned, decider.Id, decider.Name, task.Level, task.TaskId, comment, due)),
                    new CloseReviewTask(task.TaskId, NominationEventKind.Returned));
            default:
                return Notify(Append(state with { Status = NominationStatus.Rejected, Task = null },
                        new NominationHistoryEntry(decision.At, NominationEventKind.Rejected, decider.Id, decider.Name, task.Level, task.TaskId, comment)),
                    new CloseReviewTask(task.TaskId, NominationEventKind.Rejected));
        }
    }

    /// <summary>
    /// The quota store answered the pending approval. With a place the nomination goes to the next level (or, at the
    /// province, onto the list); without one the task closes and the same level is asked again, told why.
    /// </summary>
    public static NominationReviewStep RecordQuota(NominationReviewState state, QuotaOutcome outcome, QuotaCount? count, DateTimeOffset at)
    {
        if (state.Status != NominationStatus.Forwarding || state is not { PendingApproval: { } approval, Task: { } task })
            // Withdrawn while the place was being taken: the place stays taken, as every forward does.
            return Step(state);
        var decider = task.Reviewers.First(reviewer => reviewer.Id == approval.DeciderId);
        var closed = state with { Task = null, PendingApproval = null };
        if (outcome is QuotaOutcome.Full or QuotaOutcome.NoQuota)
        {
            var why = outcome == QuotaOutcome.NoQuota
                ? $"{state.Level.ChineseName()}（{state.LevelRegionCode}）未分配本活动名额，不能同意推荐。"
                : $"{state.Level.ChineseName()}（{state.LevelRegionCode}）名额已满（{count?.Used}/{count?.Places}），不能再同意推荐；可不予推荐，或待名额调整后再审核。";
            var retry = Append(closed with { Status = NominationStatus.Routing, Attempt = state.Attempt + 1 },
                new NominationHistoryEntry(at, NominationEventKind.QuotaFull, decider.Id, decider.Name, task.Level, task.TaskId, why));
            return Route(retry, why, new CloseReviewTask(task.TaskId, NominationEventKind.QuotaFull));
        }
        var approved = new NominationHistoryEntry(approval.At, NominationEventKind.Approved, decider.Id, decider.Name, task.Level, task.TaskId,
            Normalized(approval.Comment));
        var close = new CloseReviewTask(task.TaskId, NominationEventKind.Approved);
        if (state.Level.Next() is not { } next)
            return Notify(Append(closed with { Status = NominationStatus.Selected }, approved), close);
        var forwarded = Append(closed with { Status = NominationStatus.Routing, Level = next, Attempt = 1 }, approved);
        return Route(forwarded, note: null, close, new NotifyNominatingUnion(approved, forwarded.History.Count - 1));
    }

    /// <summary>The timer the orchestration should arm next, or null when nothing waits on time.</summary>
    public static ReviewDeadline? NextDeadline(NominationReviewState state) => state switch
    {
        { Status: NominationStatus.InReview, Task: { RemindedAt: null } task } => new(task.ReminderAt, ReviewDeadlineKind.Reminder, task.TaskId),
        { Status: NominationStatus.Returned, RevisionDue: { } due } =>
            new(due, ReviewDeadlineKind.Revision, state.Round.ToString(CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>A timer armed for <paramref name="deadline"/> fired at <paramref name="at"/>; a stale or early timer does nothing.</summary>
    public static NominationReviewStep TimerFired(NominationReviewState state, ReviewDeadline deadline, DateTimeOffset at)
    {
        if (NextDeadline(state) is not { } due || due.Kind != deadline.Kind || due.Key != deadline.Key || at < due.At)
            return Step(state);
        if (due.Kind == ReviewDeadlineKind.Reminder)
        {
            var reminded = state.Task! with { RemindedAt = at };
            return Step(Append(state with { Task = reminded },
                    new NominationHistoryEntry(at, NominationEventKind.Reminded, Level: reminded.Level, TaskId: reminded.TaskId)),
                new SendReviewReminder(reminded));
        }
        return Notify(Append(state with { Status = NominationStatus.Withdrawn, RevisionDue = null },
            new NominationHistoryEntry(at, NominationEventKind.RevisionMissed, Level: state.Level,
                Comment: "未在修改期限内重新提交，推荐已撤回。", DueAt: state.RevisionDue)));
    }

    /// <summary>The union resubmitted its revised nomination (already checked and stored): the same level reviews it again.</summary>
    public static NominationReviewStep Resubmit(NominationReviewState state, string actorId, string actorName, string? comment, DateTimeOffset at)
    {
        if (state.Status != NominationStatus.Returned) return Refused(state, NotReturned, "只有被退回修改的推荐才能重新提交。");
        if (at >= state.RevisionDue) return Refused(state, RevisionDeadlinePassed, "已超过修改期限，不能重新提交。");
        var resubmitted = Append(state with { Status = NominationStatus.Routing, Round = state.Round + 1, Attempt = 1, RevisionDue = null },
            new NominationHistoryEntry(at, NominationEventKind.Resubmitted, actorId, actorName, state.Level, Comment: Normalized(comment)));
        return Route(resubmitted, note: null);
    }

    /// <summary>The nominating union withdraws its nomination (at any point before the committee's approval).</summary>
    public static NominationReviewStep Withdraw(NominationReviewState state, string actorId, string actorName, string? reason, DateTimeOffset at)
    {
        if (state.Status is not (NominationStatus.Routing or NominationStatus.InReview or NominationStatus.Forwarding
            or NominationStatus.Returned or NominationStatus.Selected))
            return Refused(state, CannotWithdraw, "该推荐已审结，不能撤回。");
        var withdrawn = Append(state with { Status = NominationStatus.Withdrawn, Task = null, PendingApproval = null, RevisionDue = null },
            new NominationHistoryEntry(at, NominationEventKind.Withdrawn, actorId, actorName, state.Level, Comment: Normalized(reason)));
        return state.Task is { } task ? Notify(withdrawn, new CloseReviewTask(task.TaskId, NominationEventKind.Withdrawn)) : Notify(withdrawn);
    }

    /// <summary>An objection against the selected nomination was upheld: it leaves the list.</summary>
    public static NominationReviewStep ObjectionUpheld(NominationReviewState state, string objectionReference, string actorId, string actorName,
        string finding, DateTimeOffset at)
    {
        if (state.Status != NominationStatus.Selected) return Refused(state, NotSelected, "该推荐不在公示名单中。");
        return Notify(Append(state with { Status = NominationStatus.Withdrawn },
            new NominationHistoryEntry(at, NominationEventKind.ObjectionUpheld, actorId, actorName, ReviewLevel.Province,
                Comment: $"异议 {objectionReference} 经核查属实：{Normalized(finding)}")));
    }

    /// <summary>The provincial committee approved the final list: the nominee is awarded and filed to the registry.</summary>
    public static NominationReviewStep FinalApprove(NominationReviewState state, string actorId, string actorName, DateTimeOffset at)
    {
        if (state.Status != NominationStatus.Selected) return Refused(state, NotSelected, "该推荐不在公示名单中。");
        var awarded = Append(state with { Status = NominationStatus.Awarded },
            new NominationHistoryEntry(at, NominationEventKind.Awarded, actorId, actorName, ReviewLevel.Province));
        return Notify(awarded, new FileToRegistry(state.NominationId, state.CampaignId));
    }

    /// <summary>The registry holds the record; a repeat (a retried activity) is a no-op.</summary>
    public static NominationReviewStep RecordFiled(NominationReviewState state, string registryRecordId, DateTimeOffset at)
    {
        if (state.Status != NominationStatus.Awarded) return Unexpected(state, "registry record");
        if (state.RegistryRecordId is not null) return Step(state);
        return Step(Append(state with { RegistryRecordId = registryRecordId },
            new NominationHistoryEntry(at, NominationEventKind.Filed, Comment: $"劳模档案 {registryRecordId}")));
    }

    private static string CurrentTaskId(NominationReviewState state) => ReviewTask.IdFor(state.NominationId, state.Level, state.Round, state.Attempt);

    private static NominationReviewStep Route(NominationReviewState state, string? note, params NominationEffect[] before) =>
        Step(state with { Status = NominationStatus.Routing },
            [.. before, new OpenReviewTask(CurrentTaskId(state), state.Level, state.LevelRegionCode, note)]);

    /// <summary>The effects, then a notice to the nominating union about the last history entry.</summary>
    private static NominationReviewStep Notify(NominationReviewState state, params NominationEffect[] effects) =>
        Step(state, [.. effects, new NotifyNominatingUnion(state.History[^1], state.History.Count - 1)]);

    private static string? Normalized(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();

    private static NominationReviewState Append(NominationReviewState state, NominationHistoryEntry entry) =>
        state with { History = [.. state.History, entry] };

    private static NominationReviewStep Step(NominationReviewState state, params NominationEffect[] effects) => new(state, effects, null);

    private static NominationReviewStep Refused(NominationReviewState state, string code, string message) =>
        new(state, [], new WorkflowRefusal(code, message));

    private static NominationReviewStep Unexpected(NominationReviewState state, string what) =>
        Refused(state, UnexpectedEvent, $"当前状态（{state.Status}）不接受此操作：{what}。");
}
