using Gonghui.Functions.Money;
using static Gonghui.Functions.Tests.Relief.Domain.WeekendWorkingDays;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Domain;

public class ReliefApprovalWorkflowTests
{
    private static readonly DateTimeOffset Friday = ReliefSamples.Friday;
    private static readonly WorkingDayAdder Days = Adder();
    private static readonly BudgetKey Budget = new("hardship", "110105", 2026);

    private static Approver ApproverAt(ApprovalLevel level) => new($"{level}-chief", $"{level}主任", $"{level}@example.cn");
    private static Approver DeputyAt(ApprovalLevel level) => new($"{level}-deputy", $"{level}副主任", $"{level}.deputy@example.cn");

    /// <summary>Submits and drives eligibility and reservation to the first open task.</summary>
    private static ReliefApprovalState Open(string program = "hardship", string amount = "4800.00", DateTimeOffset? at = null)
    {
        var when = at ?? Friday;
        var step = ReliefSamples.Submit("rel-1", ReliefSamples.Details(program, amount), ReliefSamples.Program(program), "op-7", "接线员小李", when);
        Assert.IsType<CheckEligibility>(Assert.Single(step.Effects));
        step = ReliefApprovalWorkflow.RecordEligibility(step.State, EligibilityDecision.Eligible(false), when);
        Assert.Equal(new ReserveBudget(Budget with { ProgramCode = program }, "rel-1.1", Yuan.Parse(amount)), Assert.Single(step.Effects));
        step = ReliefApprovalWorkflow.RecordReservation(step.State, BudgetOutcome.Applied, when);
        return OpenNext(step, when);
    }

    /// <summary>Carries out the single OpenApprovalTask effect of a step.</summary>
    private static ReliefApprovalState OpenNext(WorkflowStep step, DateTimeOffset at)
    {
        var open = Assert.Single(step.Effects.OfType<OpenApprovalTask>());
        var opened = ReliefApprovalWorkflow.OpenTask(step.State, open.TaskId, ApproverAt(open.Level), DeputyAt(open.Level), at,
            ApprovalTaskDeadlines.After(at, step.State.Timing, Days));
        Assert.False(opened.IsRefused);
        var send = Assert.IsType<SendApprovalRequest>(Assert.Single(opened.Effects));
        Assert.Equal(ApproverAt(open.Level), send.Recipient);
        return opened.State;
    }

    private static WorkflowStep Decide(ReliefApprovalState state, ApprovalDecisionKind kind, string? comment = null, string? decider = null, DateTimeOffset? at = null) =>
        ReliefApprovalWorkflow.Decide(state, new ApprovalDecision(state.Task!.TaskId, decider ?? state.Task.Approver.Id, kind, comment, at ?? Friday.AddHours(2)));

    [Fact]
    public void Small_amount_is_approved_at_district_level_and_paid_once()
    {
        var state = Open();
        Assert.Equal("rel-1-L1-R1", state.Task!.TaskId);
        Assert.Equal(ApprovalLevel.District, state.Task.Level);

        var approved = Decide(state, ApprovalDecisionKind.Approve, "情况属实");
        Assert.Equal(ReliefApplicationStatus.Approved, approved.State.Status);
        Assert.Equal(
            new ReliefEffect[] { new CloseApprovalTask("rel-1-L1-R1", ReliefEventKind.Approved), new CreatePaymentInstruction(Budget, "rel-1.1", Yuan.Parse("4800.00")) },
            approved.Effects);

        var paid = ReliefApprovalWorkflow.RecordPayment(approved.State, "rel-1", Friday.AddHours(3));
        Assert.Equal(ReliefApplicationStatus.Paid, paid.State.Status);
        Assert.Equal(ReliefEventKind.Paid, Assert.IsType<NotifyApplicantUnit>(Assert.Single(paid.Effects)).Event.Kind);
        var again = ReliefApprovalWorkflow.RecordPayment(paid.State, "rel-1", Friday.AddHours(4));
        Assert.Empty(again.Effects);
        Assert.Same(paid.State, again.State);
        Assert.Equal("情况属实", Assert.Single(paid.State.Decisions).Comment);
    }

    [Fact]
    public void Large_amount_climbs_district_city_province_with_each_levels_union()
    {
        var state = Open("emergency", "20000.01");
        var regions = new List<string>();
        var tasks = new List<string> { state.Task!.TaskId };
        for (var level = 0; level < 2; level++)
        {
            var step = Decide(state, ApprovalDecisionKind.Approve);
            Assert.Equal(ReliefApplicationStatus.Routing, step.State.Status);
            regions.Add(step.Effects.OfType<OpenApprovalTask>().Single().RegionCode);
            state = OpenNext(step, Friday.AddHours(level + 1));
            tasks.Add(state.Task!.TaskId);
        }
        Assert.Equal(["110100", "110000"], regions);
        Assert.Equal(["rel-1-L1-R1", "rel-1-L2-R1", "rel-1-L3-R1"], tasks);
        Assert.Equal(ApprovalLevel.Province, state.Task!.Level);
        Assert.Equal(ReliefApplicationStatus.Approved, Decide(state, ApprovalDecisionKind.Approve).State.Status);
    }

    [Fact]
    public void Deadlines_are_two_five_and_ten_working_days_after_the_task_opened()
    {
        var task = Open(at: Friday).Task!;
        Assert.Equal(Cst(2026, 11, 24, 10, 0), task.ReminderAt);
        Assert.Equal(Cst(2026, 11, 27, 10, 0), task.EscalationAt);
        Assert.Equal(Cst(2026, 12, 4, 10, 0), task.ExpiresAt);
    }

    [Fact]
    public void Holidays_push_the_deadlines_out()
    {
        var state = ReliefSamples.Submit("rel-1", ReliefSamples.Details(), ReliefSamples.Program("hardship"), "op", "op", Friday).State;
        state = ReliefApprovalWorkflow.RecordEligibility(state, EligibilityDecision.Eligible(false), Friday).State;
        var step = ReliefApprovalWorkflow.RecordReservation(state, BudgetOutcome.Applied, Friday);
        var open = step.Effects.OfType<OpenApprovalTask>().Single();
        var withHoliday = Adder(new DateOnly(2026, 11, 23));
        var task = ReliefApprovalWorkflow.OpenTask(step.State, open.TaskId, ApproverAt(open.Level), DeputyAt(open.Level), Friday,
            ApprovalTaskDeadlines.After(Friday, step.State.Timing, withHoliday)).State.Task!;
        Assert.Equal(Cst(2026, 11, 25, 10, 0), task.ReminderAt);
    }

    [Fact]
    public void Reminder_then_escalation_then_expiry_as_the_clock_crosses_working_days()
    {
        var state = Open();
        var taskId = state.Task!.TaskId;
        Assert.Equal(new WorkflowDeadline(taskId, Cst(2026, 11, 24, 10, 0), ReliefEventKind.Reminded), ReliefApprovalWorkflow.NextDeadline(state));

        Assert.Empty(ReliefApprovalWorkflow.TimerFired(state, taskId, Cst(2026, 11, 24, 9, 59)).Effects);

        var reminded = ReliefApprovalWorkflow.TimerFired(state, taskId, Cst(2026, 11, 24, 10, 0));
        Assert.Equal(ApproverAt(ApprovalLevel.District), Assert.IsType<SendReminder>(Assert.Single(reminded.Effects)).Recipient);
        Assert.Empty(ReliefApprovalWorkflow.TimerFired(reminded.State, taskId, Cst(2026, 11, 24, 10, 1)).Effects);
        Assert.Equal(ReliefEventKind.Escalated, ReliefApprovalWorkflow.NextDeadline(reminded.State)!.Kind);

        // Before escalation the deputy may not decide.
        Assert.Equal(ReliefApprovalWorkflow.NotAnApprover,
            Decide(reminded.State, ApprovalDecisionKind.Approve, decider: "District-deputy").Refusal!.Code);

        var escalated = ReliefApprovalWorkflow.TimerFired(reminded.State, taskId, Cst(2026, 11, 27, 10, 0));
        Assert.Equal(DeputyAt(ApprovalLevel.District), Assert.IsType<SendEscalation>(Assert.Single(escalated.Effects)).Deputy);
        Assert.Equal(2, escalated.State.Task!.Deciders.Count);
        Assert.Contains("副职审批人District副主任", ReliefStatusView.Describe(escalated.State).Sentence);

        var expired = ReliefApprovalWorkflow.TimerFired(escalated.State, taskId, Cst(2026, 12, 4, 10, 0));
        Assert.Equal(ReliefApplicationStatus.Returned, expired.State.Status);
        Assert.False(expired.State.HoldsReservation);
        Assert.Equal(new ReliefEffect[] { new CloseApprovalTask(taskId, ReliefEventKind.Expired), new ReleaseBudget(Budget, "rel-1.1") },
            expired.Effects.Take(2));
        Assert.Equal(ReliefEventKind.Expired, Assert.IsType<NotifyApplicantUnit>(expired.Effects[2]).Event.Kind);
        Assert.Null(ReliefApprovalWorkflow.NextDeadline(expired.State));
        Assert.Equal(0, expired.State.ReturnCount);

        // Resubmitting after expiry reserves again under a new hold id, then reopens the same level.
        var resubmitted = ReliefApprovalWorkflow.Resubmit(expired.State, "op-7", "接线员小李", "已联系审批人", Cst(2026, 12, 7, 9, 0));
        Assert.Equal(new ReserveBudget(Budget, "rel-1.2", Yuan.Parse("4800.00")), Assert.Single(resubmitted.Effects));
        var reserved = ReliefApprovalWorkflow.RecordReservation(resubmitted.State, BudgetOutcome.Applied, Cst(2026, 12, 7, 9, 0));
        Assert.Equal("rel-1-L1-R2", reserved.Effects.OfType<OpenApprovalTask>().Single().TaskId);
    }

    [Fact]
    public void Late_timer_applies_the_strongest_due_step_only()
    {
        var state = Open();
        var late = ReliefApprovalWorkflow.TimerFired(state, state.Task!.TaskId, Cst(2026, 11, 30, 10, 0));
        Assert.IsType<SendEscalation>(Assert.Single(late.Effects));
        Assert.NotNull(late.State.Task!.RemindedAt);
    }

    [Fact]
    public void Stale_timer_of_a_decided_task_does_nothing()
    {
        var state = Open("hardship", "6000.00");
        var taskId = state.Task!.TaskId;
        var next = OpenNext(Decide(state, ApprovalDecisionKind.Approve), Friday.AddHours(2));
        var stale = ReliefApprovalWorkflow.TimerFired(next, taskId, Cst(2026, 12, 30, 10, 0));
        Assert.Same(next, stale.State);
        Assert.Empty(stale.Effects);
    }

    [Fact]
    public void Returns_need_a_comment_keep_the_reservation_and_stop_after_three()
    {
        var state = Open();
        Assert.Equal(ReliefApprovalWorkflow.CommentRequired, Decide(state, ApprovalDecisionKind.Return, "  ").Refusal!.Code);
        for (var round = 1; round <= 3; round++)
        {
            var returned = Decide(state, ApprovalDecisionKind.Return, $"请补充第 {round} 份材料");
            Assert.Equal(ReliefApplicationStatus.Returned, returned.State.Status);
            Assert.True(returned.State.HoldsReservation);
            Assert.DoesNotContain(returned.Effects, e => e is ReleaseBudget);
            Assert.Contains($"第 {round}/3 次退回", ReliefStatusView.Describe(returned.State).Sentence);
            var resubmitted = ReliefApprovalWorkflow.Resubmit(returned.State, "op-7", "接线员小李", "已补充", Friday.AddDays(round));
            Assert.Equal($"rel-1-L1-R{round + 1}", Assert.IsType<OpenApprovalTask>(Assert.Single(resubmitted.Effects)).TaskId);
            state = OpenNext(resubmitted, Friday.AddDays(round));
        }
        var fourth = Decide(state, ApprovalDecisionKind.Return, "再补充");
        Assert.Equal(ReliefApprovalWorkflow.ReturnLimitReached, fourth.Refusal!.Code);
        Assert.Same(state, fourth.State);
        Assert.Equal(3, state.Decisions.Count());
    }

    [Fact]
    public void Rejection_releases_the_reservation_and_notifies_the_unit()
    {
        var rejected = Decide(Open(), ApprovalDecisionKind.Reject, "材料不实");
        Assert.Equal(ReliefApplicationStatus.Rejected, rejected.State.Status);
        Assert.Contains(new ReleaseBudget(Budget, "rel-1.1"), rejected.Effects);
        Assert.Equal("材料不实", Assert.IsType<NotifyApplicantUnit>(rejected.Effects[^1]).Event.Comment);
        Assert.Contains("驳回，意见：“材料不实”", ReliefStatusView.Describe(rejected.State).Sentence);
    }

    [Fact]
    public void Decisions_from_the_wrong_person_task_or_state_are_refused_without_change()
    {
        var state = Open();
        Assert.Equal(ReliefApprovalWorkflow.NotAnApprover, Decide(state, ApprovalDecisionKind.Approve, decider: "mallory").Refusal!.Code);
        Assert.Equal(ReliefApprovalWorkflow.TaskSuperseded, ReliefApprovalWorkflow.Decide(state,
            new ApprovalDecision("rel-1-L1-R0", state.Task!.Approver.Id, ApprovalDecisionKind.Approve, null, Friday)).Refusal!.Code);
        Assert.Equal(ReliefApprovalWorkflow.CommentTooLong,
            Decide(state, ApprovalDecisionKind.Reject, new string('长', ReliefApprovalWorkflow.MaxCommentLength + 1)).Refusal!.Code);
        var approved = Decide(state, ApprovalDecisionKind.Approve).State;
        Assert.Equal(ReliefApprovalWorkflow.NotAwaitingDecision, ReliefApprovalWorkflow.Decide(approved,
            new ApprovalDecision("rel-1-L1-R1", "District-chief", ApprovalDecisionKind.Approve, null, Friday)).Refusal!.Code);
    }

    [Fact]
    public void Withdrawal_closes_the_task_and_releases_but_not_after_final_approval()
    {
        var state = Open();
        var withdrawn = ReliefApprovalWorkflow.Withdraw(state, "op-7", "接线员小李", "申请人已获其他救助", Friday.AddHours(1));
        Assert.Equal(ReliefApplicationStatus.Withdrawn, withdrawn.State.Status);
        Assert.Equal(
            new ReliefEffect[] { new CloseApprovalTask("rel-1-L1-R1", ReliefEventKind.Withdrawn), new ReleaseBudget(Budget, "rel-1.1") },
            withdrawn.Effects.Take(2));
        Assert.False(withdrawn.State.Status.IsOpen());

        var approved = Decide(state, ApprovalDecisionKind.Approve).State;
        Assert.Equal(ReliefApprovalWorkflow.CannotWithdraw,
            ReliefApprovalWorkflow.Withdraw(approved, "op-7", "接线员小李", null, Friday).Refusal!.Code);
    }

    [Fact]
    public void Reservation_that_lands_after_a_withdrawal_is_released()
    {
        var state = ReliefSamples.Submit("rel-1", ReliefSamples.Details(), ReliefSamples.Program("hardship"), "op", "op", Friday).State;
        state = ReliefApprovalWorkflow.RecordEligibility(state, EligibilityDecision.Eligible(false), Friday).State;
        var withdrawn = ReliefApprovalWorkflow.Withdraw(state, "op", "op", null, Friday);
        Assert.DoesNotContain(withdrawn.Effects, e => e is ReleaseBudget);
        Assert.Equal(new ReleaseBudget(Budget, "rel-1.1"),
            Assert.Single(ReliefApprovalWorkflow.RecordReservation(withdrawn.State, BudgetOutcome.Applied, Friday).Effects));
    }

    [Fact]
    public void Ineligible_or_unfunded_applications_are_refused_naming_the_rule()
    {
        var submitted = ReliefSamples.Submit("rel-1", ReliefSamples.Details(), ReliefSamples.Program("hardship"), "op", "op", Friday).State;
        var ineligible = ReliefApprovalWorkflow.RecordEligibility(submitted,
            EligibilityDecision.Refused(EligibilityRules.IncomeTooHigh, "收入过高。"), Friday);
        Assert.Equal(ReliefApplicationStatus.Refused, ineligible.State.Status);
        Assert.Equal("未予受理：收入过高。", ReliefStatusView.Describe(ineligible.State).Sentence);
        Assert.IsType<NotifyApplicantUnit>(Assert.Single(ineligible.Effects));

        var reserving = ReliefApprovalWorkflow.RecordEligibility(submitted, EligibilityDecision.Eligible(true), Friday).State;
        var unfunded = ReliefApprovalWorkflow.RecordReservation(reserving, BudgetOutcome.InsufficientFunds, Friday);
        Assert.Equal(ReliefApprovalWorkflow.BudgetExhausted, unfunded.State.Refusal!.Code);
        Assert.False(unfunded.State.HoldsReservation);
    }

    [Fact]
    public void Status_view_says_who_and_until_when_in_china_time()
    {
        var view = ReliefStatusView.Describe(Open("hardship", "6000.00"));
        Assert.Equal(ReliefApplicationStatus.AwaitingDecision, view.Status);
        Assert.Equal((ApprovalLevel.District, 1, 2), (view.Level!.Value, view.LevelNumber!.Value, view.LevelCount));
        Assert.Equal("District-chief", Assert.Single(view.WaitingOn).Id);
        Assert.Equal(Cst(2026, 12, 4, 10, 0), view.Until);
        Assert.Equal("等待区县工会审批人District主任审批（第 1/2 级），2026年12月4日 10:00 前未处理将超时退回。", view.Sentence);
    }
}

public class ReliefApprovalStateJsonTests
{
    [Fact]
    public void State_and_effects_round_trip_through_json_with_wire_names()
    {
        var state = ReliefSamples.AwaitingDecision();
        var step = new WorkflowStep(state, [new SendApprovalRequest(state.Task!, ReliefSamples.Chief)], null);

        var json = System.Text.Json.JsonSerializer.Serialize(step.State, System.Text.Json.JsonSerializerOptions.Web);
        Assert.Contains("\"status\":\"awaiting_decision\"", json);
        Assert.Contains("\"amount\":\"4800.00\"", json);
        Assert.Contains("\"levels\":[\"district\"]", json);
        Assert.DoesNotContain("holdId", json);
        var back = System.Text.Json.JsonSerializer.Deserialize<ReliefApprovalState>(json, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal(step.State.Task, back.Task);
        Assert.Equal(step.State.History, back.History);
        Assert.Equal(step.State.Budget, back.Budget);
        Assert.Equal(ReliefStatusView.Describe(step.State).Sentence, ReliefStatusView.Describe(back).Sentence);

        var effects = System.Text.Json.JsonSerializer.Serialize<IReadOnlyList<ReliefEffect>>(step.Effects, System.Text.Json.JsonSerializerOptions.Web);
        Assert.Contains("\"effect\":\"send_approval_request\"", effects);
        var effectsBack = System.Text.Json.JsonSerializer.Deserialize<IReadOnlyList<ReliefEffect>>(effects, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal(step.State.Task, Assert.IsType<SendApprovalRequest>(Assert.Single(effectsBack)).Task);
    }

    [Theory]
    [InlineData("rel-20261121-0a1b2c3d4e", 0, 1)]
    [InlineData("rel-3f9e8d7c6b5a49382716", 2, 12)]
    public void A_task_id_names_its_application(string applicationId, int levelIndex, int round) =>
        Assert.Equal(applicationId, ApprovalTask.ApplicationIdOf(ApprovalTask.IdFor(applicationId, levelIndex, round)));

    [Theory]
    [InlineData("rel-1")]
    [InlineData("rel-1-L-R1")]
    [InlineData("rel-1-L2-R")]
    [InlineData("rel-1-R1-L2")]
    [InlineData("-L1-R1")]
    public void A_string_not_made_by_IdFor_names_no_application(string taskId) => Assert.Null(ApprovalTask.ApplicationIdOf(taskId));
}
