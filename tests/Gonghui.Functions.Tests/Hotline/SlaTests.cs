using Gonghui.Functions.Hotline.Domain;
using static Gonghui.Functions.Tests.Hotline.HotlineTestData;

namespace Gonghui.Functions.Tests.Hotline;

public sealed class SlaTests
{
    private static readonly SlaEvaluator Sla = Workflow.Sla;

    [Theory]
    [InlineData(TicketCategory.Consultation, TicketUrgency.Normal, 2026, 11, 18, 17, 30)]   // ends with Wednesday's working time, not Thursday 09:00
    [InlineData(TicketCategory.LegalAid, TicketUrgency.Normal, 2026, 11, 20, 17, 30)]
    [InlineData(TicketCategory.Rights, TicketUrgency.Normal, 2026, 11, 20, 17, 30)]
    [InlineData(TicketCategory.Hardship, TicketUrgency.Normal, 2026, 11, 27, 17, 30)]
    [InlineData(TicketCategory.Complaint, TicketUrgency.Normal, 2026, 11, 27, 17, 30)]
    [InlineData(TicketCategory.Suggestion, TicketUrgency.Normal, 2026, 12, 4, 17, 30)]
    [InlineData(TicketCategory.Suggestion, TicketUrgency.Urgent, 2026, 11, 16, 17, 30)]
    public void Resolution_targets_by_category_and_urgency(TicketCategory category, TicketUrgency urgency, int y, int m, int d, int h, int min)
    {
        var ticket = Open(Local(2026, 11, 16, 9, 0), Intake(category, urgency: urgency));
        Assert.Equal(Local(y, m, d, h, min), ticket.ResolutionClock.DueAt);
    }

    [Fact]
    public void Resolution_due_across_the_mid_autumn_holiday()
    {
        // Thursday 24 September 10:00, consultation (21 h): Thursday 6 h, 25–27 off, Monday 7, Tuesday 7, Wednesday 1.
        var ticket = Open(Local(2026, 9, 24, 10, 0));
        Assert.Equal(Local(2026, 9, 30, 10, 0), ticket.ResolutionClock.DueAt);
        Assert.Equal(Local(2026, 9, 29, 11, 45), ticket.ResolutionClock.InstantAtPercent(75, SeededCalendar));
    }

    [Fact]
    public void Fifteen_working_days_across_the_national_day_holiday_and_an_adjusted_saturday()
    {
        // From Monday 21 September: 21–24, 28–30 September, 8–9 October, Saturday 10 October (adjusted), 12–16 October.
        var ticket = Open(Local(2026, 9, 21, 9, 0), Intake(TicketCategory.Suggestion));
        Assert.Equal(Local(2026, 10, 16, 17, 30), ticket.ResolutionClock.DueAt);
    }

    [Fact]
    public void Acceptance_is_due_one_working_hour_after_receipt()
    {
        Assert.Equal(Local(2026, 11, 23, 10, 0), Open(Local(2026, 11, 21, 15, 0)).AcceptanceClock.DueAt);      // Saturday
        Assert.Equal(Local(2026, 9, 20, 9, 30), Open(Local(2026, 9, 18, 17, 0)).AcceptanceClock.DueAt);        // adjusted working Sunday
        Assert.Equal(Local(2026, 10, 8, 9, 30), Open(Local(2026, 9, 30, 17, 0)).AcceptanceClock.DueAt);        // before 国庆节
    }

    [Fact]
    public void Elapsed_fraction_counts_working_time_only()
    {
        var ticket = Open(Local(2026, 11, 20, 17, 0));   // Friday 17:00, acceptance due Monday 09:30
        Assert.Equal(0.5, ticket.AcceptanceClock.FractionAt(Local(2026, 11, 22, 12, 0), SeededCalendar));
        Assert.Equal(0.75, ticket.AcceptanceClock.FractionAt(Local(2026, 11, 23, 9, 15), SeededCalendar));
        Assert.Equal(1.5, ticket.AcceptanceClock.FractionAt(Local(2026, 11, 23, 10, 0), SeededCalendar));
    }

    [Fact]
    public void Warning_then_breach_each_raised_once()
    {
        var receivedAt = Local(2026, 11, 20, 17, 0);
        var ticket = Open(receivedAt);
        Assert.Equal(Local(2026, 11, 23, 9, 15), Sla.NextCheckAt(ticket));   // 75 % of the acceptance hour
        Assert.Empty(Sla.DueEvents(ticket, Local(2026, 11, 23, 9, 14)));

        var warningAt = Local(2026, 11, 23, 9, 20);
        var due = Assert.Single(Sla.DueEvents(ticket, warningAt));
        Assert.Equal("acceptance_warning:1", due.Key);
        ticket = ticket.Apply(new TicketCommand.RaiseSlaEvent(due.Key), Actor.System, warningAt);
        Assert.Empty(Sla.DueEvents(ticket, warningAt));
        Assert.Equal(TicketErrorCodes.SlaEventNotDue, Rejection(ticket, new TicketCommand.RaiseSlaEvent(due.Key), warningAt, Actor.System).Code);
        Assert.Equal(Local(2026, 11, 23, 9, 30), Sla.NextCheckAt(ticket));

        var breachAt = Local(2026, 11, 23, 9, 31);
        var breach = Assert.Single(Sla.DueEvents(ticket, breachAt));
        Assert.Equal("acceptance_breach:1", breach.Key);
        Assert.True(breach.IsBreach);
        ticket = ticket.Apply(new TicketCommand.RaiseSlaEvent(breach.Key), Actor.System, breachAt);
        Assert.Equal(1, ticket.AcceptanceBreaches);
        Assert.Equal(Local(2026, 11, 23, 9, 30), ticket.AcceptanceClock.BreachedAt);
        Assert.Equal(["acceptance_warning:1", "acceptance_breach:1"], ticket.RaisedSlaEvents);

        // Accepting late afterwards does not count the same breach twice.
        ticket = ticket.Apply(new TicketCommand.Assign(Unit("370102-union")), Actor.System, breachAt)
            .Apply(new TicketCommand.Accept(), HandlerOf("370102-union"), Local(2026, 11, 23, 11, 0));
        Assert.Equal(1, ticket.AcceptanceBreaches);
        Assert.Equal(TimeSpan.FromHours(2.5), ticket.FirstResponseTime);
    }

    [Fact]
    public void A_timer_that_wakes_after_the_due_instant_raises_only_the_breach()
    {
        var ticket = Open(Local(2026, 11, 20, 17, 0));
        Assert.Equal(["acceptance_breach:1"], Sla.DueEvents(ticket, Local(2026, 11, 23, 12, 0)).Select(e => e.Key));
    }

    [Fact]
    public void A_breach_found_only_when_the_clock_stops_is_still_due_for_escalation()
    {
        var ticket = Open(Local(2026, 11, 16, 9, 0))
            .Apply(new TicketCommand.Assign(Unit("370102-union")), Actor.System, Local(2026, 11, 16, 9, 0))
            .Apply(new TicketCommand.Accept(), HandlerOf("370102-union"), Local(2026, 11, 16, 11, 0));
        Assert.Equal(1, ticket.AcceptanceBreaches);
        var now = Local(2026, 11, 16, 11, 1);
        Assert.Contains("acceptance_breach:1", Sla.DueEvents(ticket, now).Select(e => e.Key));
        ticket = ticket.Apply(new TicketCommand.RaiseSlaEvent("acceptance_breach:1"), Actor.System, now);
        Assert.Equal(1, ticket.AcceptanceBreaches);
    }

    [Fact]
    public void No_events_while_waiting_on_the_caller()
    {
        var handler = HandlerOf("370102-union");
        var ticket = OpenAccepted(Local(2026, 11, 16, 9, 0), Local(2026, 11, 16, 9, 10))
            .Apply(new TicketCommand.WaitOnCaller("等待材料"), handler, Local(2026, 11, 16, 10, 0));
        Assert.Null(Sla.NextCheckAt(ticket));
        Assert.Empty(Sla.DueEvents(ticket, Local(2026, 12, 31, 12, 0)));

        // Resumed a week later with 1 h used: the warning at 15.75 h is 14.75 h on, Monday 7, Tuesday 7, Wednesday 0.75.
        ticket = ticket.Apply(new TicketCommand.Resume(null), handler, Local(2026, 11, 23, 9, 0));
        Assert.Equal(Local(2026, 11, 25, 9, 45), Sla.NextCheckAt(ticket));
    }

    [Fact]
    public void Overdue_means_unresolved_past_the_resolution_due_instant()
    {
        var ticket = Open(Local(2026, 11, 16, 9, 0));   // due Wednesday 17:30
        Assert.False(SlaEvaluator.IsOverdue(ticket, Local(2026, 11, 18, 17, 30)));
        Assert.True(SlaEvaluator.IsOverdue(ticket, Local(2026, 11, 18, 17, 31)));
        var waiting = OpenAccepted(Local(2026, 11, 16, 9, 0), Local(2026, 11, 16, 9, 5))
            .Apply(new TicketCommand.WaitOnCaller("等待"), HandlerOf("370102-union"), Local(2026, 11, 16, 10, 0));
        Assert.False(SlaEvaluator.IsOverdue(waiting, Local(2026, 12, 31, 9, 0)));
    }

    [Fact]
    public void Transfer_escalation_is_an_event_once()
    {
        var ticket = OpenAccepted(Local(2026, 11, 16, 9, 0), Local(2026, 11, 16, 9, 5));
        var at = Local(2026, 11, 16, 9, 10);
        ticket = ticket.Apply(new TicketCommand.Transfer(Unit("370103-union"), "x"), Supervisor, at)
            .Apply(new TicketCommand.Transfer(Unit("370104-union"), "x"), Supervisor, at)
            .Apply(new TicketCommand.Transfer(Unit("370105-union"), "x"), Supervisor, at);
        Assert.Equal(["transfer_escalation:1"], Sla.DueEvents(ticket, at).Select(e => e.Key));
        ticket = ticket.Apply(new TicketCommand.RaiseSlaEvent("transfer_escalation:1"), Actor.System, at);
        ticket = ticket.Apply(new TicketCommand.Transfer(Unit("370112-union"), "x"), Supervisor, at);
        Assert.Empty(Sla.DueEvents(ticket, at));
        Assert.Equal(at, ticket.EscalatedAt);
    }

    [Fact]
    public void The_default_policy_is_valid_and_holds_domain_targets()
    {
        Assert.Empty(HotlinePolicy.Default.Validate());
        Assert.Equal(
            ["policy.resolution_target_missing", "policy.warning_percent_out_of_range"],
            (HotlinePolicy.Default with { Resolution = new Dictionary<TicketCategory, SlaTarget>(), WarningPercent = 100 }).Validate());
    }
}
