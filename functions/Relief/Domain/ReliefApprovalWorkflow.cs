using Gonghui.Functions.Money;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The relief approval workflow as a pure state machine. The orchestration feeds it events (results
/// of activities, decisions, timers, withdraw and resubmit actions) and carries out the returned
/// effects; nothing here touches storage, mail or the clock.
/// </summary>
/// <remarks>
/// Submit → CheckEligibility → RecordEligibility → ReserveBudget → RecordReservation → per level:
/// OpenApprovalTask → OpenTask (e-mail) → Decide / TimerFired (reminder, escalation, expiry) →
/// … → CreatePaymentInstruction → RecordPayment. Returned applications wait for Resubmit, which
/// continues at the level that returned them (reserving again first if the return was an expiry).
/// </remarks>
public static class ReliefApprovalWorkflow
{
    public const int MaxCommentLength = 1000;

    public const string BudgetExhausted = "budget_exhausted";
    public const string NotAwaitingDecision = "not_awaiting_decision";
    public const string TaskSuperseded = "task_superseded";
    public const string NotAnApprover = "not_an_approver";
    public const string CommentRequired = "comment_required";
    public const string CommentTooLong = "comment_too_long";
    public const string ReturnLimitReached = "return_limit_reached";
    public const string CannotWithdraw = "cannot_withdraw";
    public const string NotReturned = "not_returned";
    public const string UnexpectedEvent = "unexpected_event";

    /// <summary>
    /// A new application of <paramref name="amount"/> in <paramref name="regionCode"/>. The workflow needs nothing
    /// else of the application (and so carries no personal data); activities read the rest from the stored application.
    /// </summary>
    public static WorkflowStep Submit(
        string applicationId, string regionCode, Yuan amount, ReliefProgram program,
        string submittedById, string submittedByName, DateTimeOffset at)
    {
        var state = new ReliefApprovalState
        {
            ApplicationId = applicationId,
            ProgramCode = program.Code,
            ProgramName = program.Name,
            RegionCode = regionCode,
            Amount = amount,
            Budget = new BudgetKey(program.Code, regionCode, ChinaStandardTime.ToLocalDate(at).Year),
            Levels = program.LevelsFor(amount),
            Timing = program.Timing,
            MaxReturns = program.MaxReturns,
            Status = ReliefApplicationStatus.Submitted,
            History = [new ReliefHistoryEntry(at, ReliefEventKind.Submitted, submittedById, submittedByName)],
        };
        return Step(state, new CheckEligibility());
    }

    public static WorkflowStep RecordEligibility(ReliefApprovalState state, EligibilityDecision decision, DateTimeOffset at)
    {
        if (state.Status != ReliefApplicationStatus.Submitted) return Unexpected(state, "eligibility");
        if (decision.Refusal is { } refusal) return Refuse(state, refusal, at);
        var reserving = state with
        {
            Status = ReliefApplicationStatus.Reserving,
            IsDeepHardship = decision.IsDeepHardship,
            ReservationCount = state.ReservationCount + 1,
        };
        return Step(reserving, new ReserveBudget(reserving.Budget, reserving.HoldId, reserving.Amount));
    }

    public static WorkflowStep RecordReservation(ReliefApprovalState state, BudgetOutcome outcome, DateTimeOffset at)
    {
        var reserved = outcome is BudgetOutcome.Applied or BudgetOutcome.AlreadyApplied;
        if (state.Status != ReliefApplicationStatus.Reserving)
            // Withdrawn while the reservation was under way: give the money back.
            return reserved && !state.HoldsReservation ? Step(state, new ReleaseBudget(state.Budget, state.HoldId)) : Step(state);
        if (outcome == BudgetOutcome.InsufficientFunds)
            return Refuse(state, new EligibilityRefusal(BudgetExhausted,
                $"{state.ProgramName}本地区本年度预算余额不足 {state.Amount.ToDisplayString()}，暂无法受理。"), at);
        if (!reserved) throw new InvalidOperationException($"Reservation {state.HoldId} answered {outcome}; a new hold id cannot conflict.");
        var routing = Append(state with { HoldsReservation = true }, new ReliefHistoryEntry(at, ReliefEventKind.Reserved));
        return Route(routing);
    }

    /// <summary>
    /// The approver and deputy for the task's level were looked up and its deadlines counted
    /// (<see cref="ApprovalTaskDeadlines.After"/>); open the task and e-mail the approver.
    /// </summary>
    public static WorkflowStep OpenTask(
        ReliefApprovalState state, string taskId, Approver approver, Approver deputy, DateTimeOffset at, ApprovalTaskDeadlines deadlines)
    {
        if (state.Status != ReliefApplicationStatus.Routing || taskId != ApprovalTask.IdFor(state.ApplicationId, state.LevelIndex, state.Round))
            return Unexpected(state, "open task");
        var task = new ApprovalTask
        {
            TaskId = taskId,
            Level = state.CurrentLevel,
            LevelIndex = state.LevelIndex,
            Round = state.Round,
            Approver = approver,
            Deputy = deputy,
            OpenedAt = at,
            ReminderAt = deadlines.ReminderAt,
            EscalationAt = deadlines.EscalationAt,
            ExpiresAt = deadlines.ExpiresAt,
        };
        var waiting = Append(state with { Status = ReliefApplicationStatus.AwaitingDecision, Task = task },
            new ReliefHistoryEntry(at, ReliefEventKind.TaskOpened, approver.Id, approver.Name, task.Level, taskId));
        return Step(waiting, new SendApprovalRequest(task, approver));
    }

    /// <summary>
    /// Whether <see cref="Decide"/> would accept this decision. Call it before recording the decision
    /// on the task row (which makes the link used), so a refused decision never consumes a link.
    /// </summary>
    public static WorkflowRefusal? CheckDecision(ReliefApprovalState state, ApprovalDecision decision)
    {
        if (state.Status != ReliefApplicationStatus.AwaitingDecision || state.Task is not { } task)
            return new(NotAwaitingDecision, "该申请当前不在待审批状态。");
        if (decision.TaskId != task.TaskId)
            return new(TaskSuperseded, "该审批事项已被新的审批环节取代。");
        if (task.Deciders.All(approver => approver.Id != decision.DeciderId))
            return new(NotAnApprover, "您不是该审批事项的审批人。");
        var comment = NormalizedComment(decision.Comment);
        if (comment is null && decision.Kind != ApprovalDecisionKind.Approve)
            return new(CommentRequired, "驳回或退回时须填写意见。");
        if (comment?.Length > MaxCommentLength)
            return new(CommentTooLong, $"审批意见最长 {MaxCommentLength} 个字符。");
        if (decision.Kind == ApprovalDecisionKind.Return && state.ReturnCount >= state.MaxReturns)
            return new(ReturnLimitReached, $"该申请已退回 {state.ReturnCount} 次，已达上限，请同意或驳回。");
        return null;
    }

    public static WorkflowStep Decide(ReliefApprovalState state, ApprovalDecision decision)
    {
        if (CheckDecision(state, decision) is { } refusal) return new(state, [], refusal);
        var task = state.Task!;
        var decider = task.Deciders.First(approver => approver.Id == decision.DeciderId);
        var comment = NormalizedComment(decision.Comment);

        var closed = state with { Task = null };
        var close = new CloseApprovalTask(task.TaskId, KindOf(decision.Kind));
        var entry = new ReliefHistoryEntry(decision.At, KindOf(decision.Kind), decider.Id, decider.Name, task.Level, task.TaskId, comment);
        switch (decision.Kind)
        {
            case ApprovalDecisionKind.Approve when state.LevelIndex + 1 < state.Levels.Count:
                return Route(Append(closed with { LevelIndex = state.LevelIndex + 1 }, entry), close);
            case ApprovalDecisionKind.Approve:
                return Step(Append(closed with { Status = ReliefApplicationStatus.Approved }, entry),
                    close, new CreatePaymentInstruction(state.Budget, state.HoldId, state.Amount));
            case ApprovalDecisionKind.Reject:
                return Notify(Append(closed with { Status = ReliefApplicationStatus.Rejected, HoldsReservation = false }, entry),
                    close, new ReleaseBudget(state.Budget, state.HoldId));
            default:
                return Notify(Append(closed with { Status = ReliefApplicationStatus.Returned, ReturnCount = state.ReturnCount + 1 }, entry),
                    close);
        }
    }

    /// <summary>The timer the orchestration should arm next, or null when nothing is waiting on time.</summary>
    public static WorkflowDeadline? NextDeadline(ReliefApprovalState state) => state is
    { Status: ReliefApplicationStatus.AwaitingDecision, Task: { } task }
        ? task.RemindedAt is null ? new(task.TaskId, task.ReminderAt, ReliefEventKind.Reminded)
        : task.EscalatedAt is null ? new(task.TaskId, task.EscalationAt, ReliefEventKind.Escalated)
        : new(task.TaskId, task.ExpiresAt, ReliefEventKind.Expired)
        : null;

    /// <summary>
    /// A timer for <paramref name="taskId"/> fired at <paramref name="at"/>. Whatever is due happens
    /// (expiry outranks escalation, which outranks the reminder); a stale or early timer does nothing.
    /// </summary>
    public static WorkflowStep TimerFired(ReliefApprovalState state, string taskId, DateTimeOffset at)
    {
        if (state is not { Status: ReliefApplicationStatus.AwaitingDecision, Task: { } task } || task.TaskId != taskId)
            return Step(state);
        if (at >= task.ExpiresAt)
        {
            var entry = new ReliefHistoryEntry(at, ReliefEventKind.Expired, Level: task.Level, TaskId: task.TaskId,
                Comment: $"{task.Level.ChineseName()}超过 {state.Timing.ExpiryAfterWorkingDays} 个工作日未审批，申请已退回。");
            return Notify(Append(state with { Status = ReliefApplicationStatus.Returned, Task = null, HoldsReservation = false }, entry),
                new CloseApprovalTask(task.TaskId, ReliefEventKind.Expired), new ReleaseBudget(state.Budget, state.HoldId));
        }
        if (at >= task.EscalationAt && task.EscalatedAt is null)
        {
            var escalated = task with { EscalatedAt = at, RemindedAt = task.RemindedAt ?? at };
            return Step(Append(state with { Task = escalated },
                    new ReliefHistoryEntry(at, ReliefEventKind.Escalated, task.Deputy.Id, task.Deputy.Name, task.Level, task.TaskId)),
                new SendEscalation(escalated, task.Deputy));
        }
        if (at >= task.ReminderAt && task.RemindedAt is null)
        {
            var reminded = task with { RemindedAt = at };
            return Step(Append(state with { Task = reminded },
                    new ReliefHistoryEntry(at, ReliefEventKind.Reminded, task.Approver.Id, task.Approver.Name, task.Level, task.TaskId)),
                new SendReminder(reminded, task.Approver));
        }
        return Step(state);
    }

    public static WorkflowStep Withdraw(ReliefApprovalState state, string actorId, string actorName, string? reason, DateTimeOffset at)
    {
        if (state.Status is not (ReliefApplicationStatus.Submitted or ReliefApplicationStatus.Reserving
            or ReliefApplicationStatus.Routing or ReliefApplicationStatus.AwaitingDecision or ReliefApplicationStatus.Returned))
            return Refused(state, CannotWithdraw, "该申请已审结或已审批通过，不能撤回。");
        var effects = new List<ReliefEffect>();
        if (state.Task is { } task) effects.Add(new CloseApprovalTask(task.TaskId, ReliefEventKind.Withdrawn));
        if (state.HoldsReservation) effects.Add(new ReleaseBudget(state.Budget, state.HoldId));
        var withdrawn = Append(state with { Status = ReliefApplicationStatus.Withdrawn, Task = null, HoldsReservation = false },
            new ReliefHistoryEntry(at, ReliefEventKind.Withdrawn, actorId, actorName, Comment: NormalizedComment(reason)));
        return Notify(withdrawn, [.. effects]);
    }

    /// <summary>After a return (by an approver or by expiry): continue at the level that returned it.</summary>
    public static WorkflowStep Resubmit(ReliefApprovalState state, string actorId, string actorName, string? comment, DateTimeOffset at)
    {
        if (state.Status != ReliefApplicationStatus.Returned) return Refused(state, NotReturned, "只有被退回的申请才能重新提交。");
        var resubmitted = Append(state with { Round = state.Round + 1 },
            new ReliefHistoryEntry(at, ReliefEventKind.Resubmitted, actorId, actorName, Comment: NormalizedComment(comment)));
        if (resubmitted.HoldsReservation) return Route(resubmitted);
        var reserving = resubmitted with { Status = ReliefApplicationStatus.Reserving, ReservationCount = state.ReservationCount + 1 };
        return Step(reserving, new ReserveBudget(reserving.Budget, reserving.HoldId, reserving.Amount));
    }

    /// <summary>The payment instruction exists (and the hold was spent); a repeat is a no-op.</summary>
    public static WorkflowStep RecordPayment(ReliefApprovalState state, string paymentId, DateTimeOffset at)
    {
        if (state.Status == ReliefApplicationStatus.Paid && state.PaymentId == paymentId) return Step(state);
        if (state.Status != ReliefApplicationStatus.Approved) return Unexpected(state, "payment");
        return Notify(Append(state with { Status = ReliefApplicationStatus.Paid, PaymentId = paymentId, HoldsReservation = false },
            new ReliefHistoryEntry(at, ReliefEventKind.Paid, Comment: $"付款指令 {paymentId}，金额 {state.Amount.ToDisplayString()}。")));
    }

    private static WorkflowStep Route(ReliefApprovalState state, params ReliefEffect[] before)
    {
        var routing = state with { Status = ReliefApplicationStatus.Routing };
        var taskId = ApprovalTask.IdFor(state.ApplicationId, state.LevelIndex, state.Round);
        return Step(routing, [.. before, new OpenApprovalTask(taskId, routing.CurrentLevel, routing.CurrentLevel.RegionCodeFor(state.RegionCode))]);
    }

    private static WorkflowStep Refuse(ReliefApprovalState state, EligibilityRefusal refusal, DateTimeOffset at) =>
        Notify(Append(state with { Status = ReliefApplicationStatus.Refused, Refusal = refusal },
            new ReliefHistoryEntry(at, ReliefEventKind.Refused, Comment: refusal.Message)));

    /// <summary>The effects, then a notification to the applicant's unit about the last history entry.</summary>
    private static WorkflowStep Notify(ReliefApprovalState state, params ReliefEffect[] effects) =>
        Step(state, [.. effects, new NotifyApplicantUnit(state.History[^1], state.History.Count - 1)]);

    private static string? NormalizedComment(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();

    private static ReliefApprovalState Append(ReliefApprovalState state, ReliefHistoryEntry entry) =>
        state with { History = [.. state.History, entry] };

    private static ReliefEventKind KindOf(ApprovalDecisionKind kind) => kind switch
    {
        ApprovalDecisionKind.Approve => ReliefEventKind.Approved,
        ApprovalDecisionKind.Reject => ReliefEventKind.Rejected,
        _ => ReliefEventKind.Returned,
    };

    private static WorkflowStep Step(ReliefApprovalState state, params ReliefEffect[] effects) => new(state, effects, null);

    private static WorkflowStep Refused(ReliefApprovalState state, string code, string message) =>
        new(state, [], new WorkflowRefusal(code, message));

    private static WorkflowStep Unexpected(ReliefApprovalState state, string what) =>
        Refused(state, UnexpectedEvent, $"当前状态（{state.Status}）不接受此操作：{what}。");
}
