using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Tests.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// Reminder, escalation and expiry over the workflow with the State Council calendar the app's store starts with
/// (unit level: the orchestration arms a durable timer at <see cref="ReliefApprovalWorkflow.NextDeadline"/> and feeds
/// <see cref="ReliefApprovalWorkflow.TimerFired"/> the time it fired; waiting working days in a test is not possible).
/// </summary>
public sealed class ReliefTimingTests
{
    /// <summary>The calendar the app seeds its store with, before any admin edits it.</summary>
    private static readonly WorkingCalendar StateCouncil = new(StateCouncilHolidayArrangements.All, WorkingHours.Default);

    [Fact]
    public void Deadlines_skip_the_National_Day_holiday_and_the_adjusted_weekend_days_count()
    {
        // Opened Tuesday 2026-09-29 10:00 China time; 1-7 October are holidays and Saturday 10 October is worked.
        var opened = WeekendWorkingDays.Cst(2026, 9, 29, 10);
        var state = Open(opened);
        var task = state.Task!;
        Assert.Equal(WeekendWorkingDays.Cst(2026, 10, 8, 10), task.ReminderAt);
        Assert.Equal(WeekendWorkingDays.Cst(2026, 10, 12, 10), task.EscalationAt);
        Assert.Equal(WeekendWorkingDays.Cst(2026, 10, 19, 10), task.ExpiresAt);

        var early = ReliefApprovalWorkflow.TimerFired(state, task.TaskId, WeekendWorkingDays.Cst(2026, 10, 7, 10));
        Assert.Empty(early.Effects);

        var reminded = ReliefApprovalWorkflow.TimerFired(state, task.TaskId, task.ReminderAt);
        Assert.IsType<SendReminder>(Assert.Single(reminded.Effects));
        Assert.Equal(task.EscalationAt, ReliefApprovalWorkflow.NextDeadline(reminded.State)!.At);

        var escalated = ReliefApprovalWorkflow.TimerFired(reminded.State, task.TaskId, task.EscalationAt);
        Assert.Equal(ReliefSamples.Deputy, Assert.IsType<SendEscalation>(Assert.Single(escalated.Effects)).Deputy);
        Assert.Equal(2, escalated.State.Task!.Deciders.Count);

        var expired = ReliefApprovalWorkflow.TimerFired(escalated.State, task.TaskId, task.ExpiresAt);
        Assert.Equal(ReliefApplicationStatus.Returned, expired.State.Status);
        Assert.False(expired.State.HoldsReservation);
        Assert.Contains(expired.Effects, e => e is ReleaseBudget);
        Assert.Contains(expired.Effects, e => e is CloseApprovalTask { Reason: ReliefEventKind.Expired });
        Assert.Null(ReliefApprovalWorkflow.NextDeadline(expired.State));
    }

    private static ReliefApprovalState Open(DateTimeOffset at)
    {
        var state = ReliefSamples.Submit("rel-t", ReliefSamples.Details(), ReliefSamples.Program("hardship"), "op", "接线员", at).State;
        state = ReliefApprovalWorkflow.RecordEligibility(state, EligibilityDecision.Eligible(false), at).State;
        state = ReliefApprovalWorkflow.RecordReservation(state, BudgetOutcome.Applied, at).State;
        return ReliefApprovalWorkflow.OpenTask(state, ApprovalTask.IdFor("rel-t", 0, 1), ReliefSamples.Chief, ReliefSamples.Deputy, at,
            ApprovalTaskDeadlines.After(at, state.Timing, StateCouncil.AddWorkingDays)).State;
    }
}
