using Gonghui.Functions.Money;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Functions.Approval;
using Gonghui.Functions.Tests.Relief.Domain;
using Microsoft.DurableTask;

namespace Gonghui.Functions.Tests.Relief.Functions.Approval;

/// <summary>
/// The <c>ReliefApproval</c> orchestrator against a fake context: it asks the workflow for each event's step, hands it
/// to one activity and waits in the state that activity returns (the fake activity follows the answering effects with
/// fixed answers, as the real one does with stored data).
/// </summary>
public sealed class ReliefApprovalOrchestrationTests
{
    private static readonly DateTimeOffset Friday = ReliefSamples.Friday;
    private readonly FakeOrchestrationContext _context;
    private readonly List<ReliefApprovalState> _returned = [];
    private ApprovalDecision? _recordedOnTask;

    public ReliefApprovalOrchestrationTests() => _context = new("rel-1", new ReliefSubmission("rel-1", "110105", Yuan.Parse("4800.00"),
        ReliefSamples.Program("hardship"), "op", "接线员", Friday), Friday, Activity);

    [Fact]
    public void A_submission_is_one_activity_and_the_orchestration_waits_in_the_state_it_returns()
    {
        var run = _context.Start(ReliefApprovalOrchestration.Run);

        Assert.False(run.IsCompleted);
        var batch = Assert.Single(Batches);
        Assert.Equal(1, batch.Sequence);
        Assert.Equal("hardship", batch.Program?.Code);
        Assert.IsType<CheckEligibility>(Assert.Single(batch.Effects));
        var waiting = Assert.Single(_returned);
        Assert.Equal(ReliefApplicationStatus.AwaitingDecision, waiting.Status);
        Assert.Equal(ReliefStatusView.Describe(waiting).Sentence, _context.CustomStatus);
    }

    [Fact]
    public async Task A_decision_recorded_on_its_task_is_one_activity_without_the_close_and_the_returned_state_ends_the_run()
    {
        var run = _context.Start(ReliefApprovalOrchestration.Run);
        var task = _returned[^1].Task!;

        _context.Raise(ReliefApprovalOrchestration.ActionEvent,
            ReliefAction.Decided(new ApprovalDecision(task.TaskId, ReliefSamples.Chief.Id, ApprovalDecisionKind.Reject, "收入证明不符", Friday.AddHours(1))));

        Assert.Equal(2, Batches.Count);
        var decided = Batches[1];
        Assert.Equal(2, decided.Sequence);
        Assert.Null(decided.Program);
        Assert.Equal(_returned[0].ApplicationId, decided.State.ApplicationId);
        Assert.Equal(ReliefApplicationStatus.Rejected, decided.State.Status);
        Assert.DoesNotContain(decided.Effects, effect => effect is CloseApprovalTask);
        Assert.Contains(decided.Effects, effect => effect is ReleaseBudget);
        Assert.True(run.IsCompleted);
        Assert.Equal(ReliefApplicationStatus.Rejected, await run);
        Assert.Equal(ReliefStatusView.Describe(_returned[^1]).Sentence, _context.CustomStatus);
    }

    [Fact]
    public void A_refused_action_calls_no_activity_and_the_orchestration_waits_for_the_next()
    {
        var run = _context.Start(ReliefApprovalOrchestration.Run);
        var task = _returned[^1].Task!;

        _context.Raise(ReliefApprovalOrchestration.ActionEvent,
            new ReliefAction(ReliefActionKind.Resubmit, "op", "接线员", null, Friday.AddHours(1)));
        Assert.Single(Batches);

        _context.Raise(ReliefApprovalOrchestration.ActionEvent,
            ReliefAction.Decided(new ApprovalDecision(task.TaskId, ReliefSamples.Chief.Id, ApprovalDecisionKind.Reject, "材料不全", Friday.AddHours(2))));
        Assert.Equal(2, Batches.Count);
        Assert.True(run.IsCompleted);
    }

    [Fact]
    public void A_deadline_reached_before_any_action_is_carried_out_as_its_timer_step()
    {
        var run = _context.Start(ReliefApprovalOrchestration.Run);
        var task = _returned[^1].Task!;

        _context.AdvanceTo(task.ReminderAt);

        Assert.Equal(2, Batches.Count);
        Assert.Contains(Batches[1].Effects, effect => effect is SendReminder);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task A_decision_written_to_its_task_whose_raise_was_lost_is_taken_when_the_next_deadline_comes()
    {
        var run = _context.Start(ReliefApprovalOrchestration.Run);
        var task = _returned[^1].Task!;
        _recordedOnTask = new ApprovalDecision(task.TaskId, ReliefSamples.Chief.Id, ApprovalDecisionKind.Reject, "材料不全", Friday.AddHours(1));

        _context.AdvanceTo(task.ReminderAt);

        var decided = Batches[^1];
        Assert.DoesNotContain(decided.Effects, effect => effect is SendReminder or CloseApprovalTask);
        Assert.Equal(ReliefApplicationStatus.Rejected, await run);
    }

    [Fact]
    public async Task A_decision_on_a_task_not_yet_opened_here_is_taken_once_the_task_opens()
    {
        // Two levels. The city's decision arrives first: the district's step was carried out (and its task opened) by an
        // activity whose orchestration step was lost with its process, and is replayed only now.
        var context = new FakeOrchestrationContext("rel-2", new ReliefSubmission("rel-2", "110105", Yuan.Parse("9000.00"),
            ReliefSamples.Program("hardship"), "op", "接线员", Friday), Friday, Activity);
        var run = context.Start(ReliefApprovalOrchestration.Run);
        var district = _returned[^1].Task!;
        Assert.Equal(2, _returned[^1].Levels.Count);
        var cityTaskId = ApprovalTask.IdFor("rel-2", 1, 1);

        context.Raise(ReliefApprovalOrchestration.ActionEvent,
            ReliefAction.Decided(new ApprovalDecision(cityTaskId, ReliefSamples.Chief.Id, ApprovalDecisionKind.Approve, null, Friday.AddHours(2))));
        Assert.Single(context.ActivityCalls);
        Assert.False(run.IsCompleted);

        context.Raise(ReliefApprovalOrchestration.ActionEvent,
            ReliefAction.Decided(new ApprovalDecision(district.TaskId, ReliefSamples.Chief.Id, ApprovalDecisionKind.Approve, null, Friday.AddHours(1))));

        Assert.True(run.IsCompleted);
        Assert.Equal(ReliefApplicationStatus.Paid, await run);
        Assert.Equal([district.TaskId, cityTaskId],
            _returned[^1].History.Where(entry => entry.Kind == ReliefEventKind.Approved).Select(entry => entry.TaskId));
    }

    private List<ReliefEffectBatch> Batches => [.. _context.ActivityCalls.Select(call => call.Input).OfType<ReliefEffectBatch>()];

    private object? Activity(TaskName name, object? input) => name.Name switch
    {
        ReliefActivities.ApplyEffectsName => CarryOut(Assert.IsType<ReliefEffectBatch>(input)),
        ReliefActivities.RecordedDecisionName => _recordedOnTask?.TaskId == Assert.IsType<string>(input) ? _recordedOnTask : null,
        _ => throw new InvalidOperationException($"No activity {name.Name}."),
    };

    private ReliefApprovalState CarryOut(ReliefEffectBatch batch)
    {
        var step = new WorkflowStep(batch.State, batch.Effects, null);
        while (ReliefEffectChain.Answering(step) is { } answering)
            step = ReliefEffectChain.Next(step.State, answering, AnswerTo(answering, batch), batch.At);
        _returned.Add(step.State);
        return step.State;
    }

    private static ReliefEffectAnswer AnswerTo(ReliefEffect effect, ReliefEffectBatch batch) => effect switch
    {
        CheckEligibility => new(Eligibility: EligibilityDecision.Eligible(false)),
        ReserveBudget => new(Reservation: BudgetOutcome.Applied),
        OpenApprovalTask => new(Approvers: new LevelApprovers(ReliefSamples.Chief, ReliefSamples.Deputy),
            Deadlines: ApprovalTaskDeadlines.After(batch.At, batch.State.Timing, WeekendWorkingDays.Adder())),
        CreatePaymentInstruction => new(PaymentId: "pay-" + batch.State.ApplicationId),
        _ => throw new InvalidOperationException($"{effect.GetType().Name} asks no question."),
    };
}
