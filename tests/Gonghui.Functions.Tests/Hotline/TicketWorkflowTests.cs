using Gonghui.Functions.Hotline.Domain;
using static Gonghui.Functions.Tests.Hotline.HotlineTestData;

namespace Gonghui.Functions.Tests.Hotline;

public sealed class TicketWorkflowTests
{
    private static readonly DateTimeOffset Monday = Local(2026, 11, 16, 9, 0);

    [Fact]
    public void A_ticket_lives_from_receipt_to_closure_with_every_change_in_history()
    {
        var handler = HandlerOf("370102-union");
        var entries = new List<TicketHistoryEntry>();
        var opened = Workflow.Open("t-1", TicketNumber.For(Monday, 7), Intake(), "hash", null, Operator, Monday);
        entries.Add(opened.Entry!);
        var ticket = opened.Ticket!;
        (TicketCommand Command, Actor Actor, DateTimeOffset At)[] steps =
        [
            (new TicketCommand.Assign(Unit("370102-union")), Actor.System, Monday),
            (new TicketCommand.Accept(), handler, Monday.AddMinutes(20)),
            (new TicketCommand.Progress("已联系用人单位"), handler, Monday.AddHours(2)),
            (new TicketCommand.Resolve("已答复政策依据"), handler, Monday.AddHours(5)),
            (new TicketCommand.Callback(true, 5, "满意"), Operator, Monday.AddDays(1)),
        ];
        foreach (var (command, actor, at) in steps)
        {
            var result = Workflow.Apply(ticket, command, actor, at);
            Assert.True(result.Succeeded, result.Rejection?.Code);
            ticket = result.Ticket;
            entries.Add(result.Entry);
        }

        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(CloseReason.CallbackCompleted, ticket.CloseReason);
        Assert.Equal(5, ticket.Satisfaction);
        Assert.Equal(6, ticket.Version);
        Assert.Equal([1, 2, 3, 4, 5, 6], entries.Select(entry => entry.Sequence));
        Assert.Equal(["receive", "assign", "accept", "progress", "resolve", "callback"], entries.Select(entry => entry.Action));
        Assert.Equal(
            [TicketStatus.Received, TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed],
            entries.Select(entry => entry.ToStatus));
        Assert.Equal(["op-1", "system", handler.Id, handler.Id, handler.Id, "op-1"], entries.Select(entry => entry.ActorId));
        Assert.Equal("370102-union", entries[1].Details["unitId"]);
        Assert.Equal("已联系用人单位", entries[3].Reason);
        Assert.Equal("5", entries[5].Details["satisfaction"]);
        Assert.Equal("261116-0007-2", entries[0].Details["number"]);
        Assert.Equal(TimeSpan.FromMinutes(20), ticket.FirstResponseTime);
        Assert.Equal(TimeSpan.FromHours(3.5), ticket.ResolutionTime);   // 09:00–12:00 and 13:30–14:00
    }

    public static TheoryData<TicketStatus, string> NotAllowed => new()
    {
        { TicketStatus.Received, "accept" },
        { TicketStatus.Received, "resolve" },
        { TicketStatus.Received, "transfer" },
        { TicketStatus.Received, "reopen" },
        { TicketStatus.Received, "callback" },
        { TicketStatus.Assigned, "assign" },
        { TicketStatus.Assigned, "progress" },
        { TicketStatus.Assigned, "resolve" },
        { TicketStatus.Assigned, "close" },
        { TicketStatus.InProgress, "accept" },
        { TicketStatus.InProgress, "callback" },
        { TicketStatus.InProgress, "close" },
        { TicketStatus.Resolved, "accept" },
        { TicketStatus.Resolved, "transfer" },
        { TicketStatus.Resolved, "merge" },
        { TicketStatus.Resolved, "resolve" },
        { TicketStatus.Closed, "callback" },
        { TicketStatus.Closed, "close" },
        { TicketStatus.Closed, "progress" },
        { TicketStatus.Closed, "assign" },
    };

    [Theory]
    [MemberData(nameof(NotAllowed))]
    public void Transitions_the_state_does_not_allow_are_refused_with_a_stable_code(TicketStatus status, string action)
    {
        var ticket = InStatus(status);
        var command = Commands().Single(command => command.Action == action);
        var rejection = Rejection(ticket, command, Monday.AddDays(3));
        Assert.Equal(RejectionKind.Conflict, rejection.Kind);
        Assert.Equal(TicketErrorCodes.TransitionNotAllowed, rejection.Code);
    }

    [Fact]
    public void Rejections_leave_the_ticket_as_it_was()
    {
        var ticket = InStatus(TicketStatus.Assigned);
        var before = ticket with { };
        Rejection(ticket, new TicketCommand.Resolve("x"), Monday);
        Assert.Equal(before, ticket);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("a\u0001", "invalid")]
    public void Text_inputs_are_checked(string resolution, string code)
    {
        var rejection = Rejection(InStatus(TicketStatus.InProgress), new TicketCommand.Resolve(resolution), Monday.AddHours(1));
        Assert.Equal(RejectionKind.InvalidInput, rejection.Kind);
        Assert.Equal(code, rejection.Code);
        Assert.Equal("resolution", rejection.Field);
        Assert.Equal("too_long", Rejection(InStatus(TicketStatus.InProgress), new TicketCommand.Progress(new string('x', 2001)), Monday).Code);
    }

    [Fact]
    public void Waiting_on_the_caller_pauses_the_resolution_clock()
    {
        // Consultation, 3 working days (21 h) from Monday 09:00: due Wednesday 17:30.
        var ticket = OpenAccepted(Monday, Monday.AddMinutes(30));
        Assert.Equal(Local(2026, 11, 18, 17, 30), ticket.ResolutionClock.DueAt);

        var handler = HandlerOf("370102-union");
        ticket = ticket.Apply(new TicketCommand.WaitOnCaller("等待来电人补充劳动合同"), handler, Local(2026, 11, 16, 14, 0));
        Assert.True(ticket.WaitingOnCaller);
        Assert.True(ticket.ResolutionClock.IsPaused);
        Assert.Equal(TimeSpan.FromHours(3.5), ticket.ResolutionClock.Elapsed);
        Assert.Null(ticket.ResolutionClock.DueAt);
        Assert.Equal(TicketErrorCodes.WaitingOnCaller, Rejection(ticket, new TicketCommand.WaitOnCaller("again"), Local(2026, 11, 17, 9, 0), handler).Code);

        // Resumed Thursday 09:00 with 17.5 h left: Thursday 7, Friday 7, Monday 3.5 → Monday 23 November 14:00.
        ticket = ticket.Apply(new TicketCommand.Resume(null), handler, Local(2026, 11, 19, 9, 0));
        Assert.Equal(Local(2026, 11, 23, 14, 0), ticket.ResolutionClock.DueAt);
        Assert.Equal(TicketErrorCodes.NotWaitingOnCaller, Rejection(ticket, new TicketCommand.Resume(null), Local(2026, 11, 19, 10, 0), handler).Code);

        ticket = ticket.Apply(new TicketCommand.Resolve("已办结"), handler, Local(2026, 11, 23, 12, 0));
        Assert.Equal(TimeSpan.FromHours(20.5), ticket.ResolutionTime);
        Assert.True(ticket.ResolutionClock.WasMet);
        Assert.Equal(0, ticket.ResolutionBreaches);
    }

    [Fact]
    public void A_late_resolution_is_a_breach_at_the_due_instant()
    {
        var ticket = OpenAccepted(Monday, Monday.AddMinutes(30))
            .Apply(new TicketCommand.Resolve("迟办"), HandlerOf("370102-union"), Local(2026, 11, 19, 9, 30));
        Assert.False(ticket.ResolutionClock.WasMet);
        Assert.Equal(Local(2026, 11, 18, 17, 30), ticket.ResolutionClock.BreachedAt);
        Assert.Equal(1, ticket.ResolutionBreaches);
    }

    [Fact]
    public void Unreached_callbacks_on_three_working_days_close_the_ticket_as_callback_failed()
    {
        var ticket = Resolved(Local(2026, 11, 20, 10, 0));
        var attempt = new TicketCommand.Callback(false, null, "无人接听");
        ticket = ticket.Apply(attempt, Operator, Local(2026, 11, 20, 11, 0))
            .Apply(attempt, Operator, Local(2026, 11, 20, 15, 0))     // same day: still one day
            .Apply(attempt, Operator, Local(2026, 11, 21, 10, 0))     // Saturday: not a working day
            .Apply(attempt, Operator, Local(2026, 11, 23, 10, 0));    // Monday: the second day
        Assert.Equal(TicketStatus.Resolved, ticket.Status);

        var result = Workflow.Apply(ticket, attempt, Operator, Local(2026, 11, 24, 10, 0));
        Assert.True(result.Succeeded);
        Assert.Equal(TicketStatus.Closed, result.Ticket.Status);
        Assert.Equal(CloseReason.CallbackFailed, result.Ticket.CloseReason);
        Assert.Equal("callback_failed", result.Entry.Details["closeReason"]);
        Assert.Equal(5, result.Ticket.CallbackAttempts.Count);
        Assert.Null(result.Ticket.Satisfaction);
    }

    [Theory]
    [InlineData(true, null, "required")]
    [InlineData(true, 0, "out_of_range")]
    [InlineData(true, 6, "out_of_range")]
    [InlineData(false, 3, "not_allowed")]
    public void Callback_satisfaction_is_checked(bool reached, int? satisfaction, string code)
    {
        var rejection = Rejection(Resolved(Monday), new TicketCommand.Callback(reached, satisfaction, null), Monday.AddDays(1), Operator);
        Assert.Equal(code, rejection.Code);
        Assert.Equal("satisfaction", rejection.Field);
    }

    [Fact]
    public void Without_consent_there_is_no_callback_and_staff_close_the_ticket()
    {
        var ticket = Resolved(Monday, Intake(callbackConsent: false));
        Assert.Equal(TicketErrorCodes.CallbackNotConsented, Rejection(ticket, new TicketCommand.Callback(true, 5, null), Monday.AddDays(1), Operator).Code);
        ticket = ticket.Apply(new TicketCommand.Close("来电人不接受回访"), Operator, Monday.AddDays(1));
        Assert.Equal(CloseReason.ClosedByStaff, ticket.CloseReason);
    }

    [Fact]
    public void Reopen_within_fifteen_days_goes_back_to_the_unit_with_fresh_clocks()
    {
        var resolvedAt = Local(2026, 11, 17, 10, 0);
        var ticket = Resolved(resolvedAt).Apply(new TicketCommand.Callback(true, 2, "不满意"), Operator, resolvedAt.AddDays(1));
        var closedAt = ticket.ClosedAt!.Value;

        Assert.Equal(TicketErrorCodes.ReopenWindowExpired,
            Rejection(ticket, new TicketCommand.Reopen("仍未解决"), closedAt.AddDays(15).AddMinutes(1), Operator).Code);

        var reopenedAt = closedAt.AddDays(15);   // Thursday 3 December 10:00
        ticket = ticket.Apply(new TicketCommand.Reopen("仍未解决"), Operator, reopenedAt);
        Assert.Equal(TicketStatus.Assigned, ticket.Status);
        Assert.Equal("370102-union", ticket.UnitId);
        Assert.Equal(1, ticket.ReopenCount);
        Assert.Null(ticket.ClosedAt);
        Assert.Equal(2, ticket.ResolutionClock.Cycle);
        Assert.Equal(2, ticket.AcceptanceClock.Cycle);
        Assert.Equal(Local(2026, 12, 8, 10, 0), ticket.ResolutionClock.DueAt);   // 3 working days from Thursday 10:00
        Assert.Equal(TimeSpan.FromMinutes(30), ticket.FirstResponseTime);       // the first response stays the first
    }

    [Fact]
    public void The_third_transfer_escalates_for_supervision()
    {
        var ticket = InStatus(TicketStatus.InProgress);
        var at = Monday.AddHours(1);
        ticket = ticket.Apply(new TicketCommand.Transfer(Unit("370103-union"), "非本辖区"), HandlerOf("370102-union"), at)
            .Apply(new TicketCommand.Transfer(Unit("370104-union"), "非本辖区"), HandlerOf("370103-union"), at.AddMinutes(10));
        Assert.Null(ticket.EscalatedAt);
        Assert.Equal(TicketErrorCodes.SameUnit,
            Rejection(ticket, new TicketCommand.Transfer(Unit("370104-union"), "x"), at.AddMinutes(15), HandlerOf("370104-union")).Code);

        var third = Workflow.Apply(ticket, new TicketCommand.Transfer(Unit("370105-union"), "非本辖区"), HandlerOf("370104-union"), at.AddMinutes(20));
        Assert.True(third.Succeeded);
        Assert.Equal(at.AddMinutes(20), third.Ticket.EscalatedAt);
        Assert.Equal("true", third.Entry.Details["escalated"]);
        Assert.Equal("370104-union", third.Entry.Details["fromUnitId"]);
        Assert.Equal(TicketStatus.Assigned, third.Ticket.Status);
        Assert.Equal(3, third.Ticket.TransferCount);
        Assert.Equal(4, third.Ticket.AcceptanceClock.Cycle);
        Assert.Equal(1, third.Ticket.ResolutionClock.Cycle);   // the caller's wait is not reset by transfers
    }

    [Fact]
    public void A_duplicate_merges_into_its_original_and_then_refuses_changes()
    {
        var original = OpenAccepted(Monday, Monday.AddMinutes(10));
        var duplicate = Open(Monday.AddHours(2), id: "t-2");
        Assert.Equal(TicketErrorCodes.MergeIntoSelf, Rejection(duplicate, new TicketCommand.Merge(duplicate, null), Monday.AddHours(3), Operator).Code);

        var merged = duplicate.Apply(new TicketCommand.Merge(original, "同一来电人同一诉求"), Operator, Monday.AddHours(3));
        Assert.Equal(TicketStatus.Closed, merged.Status);
        Assert.Equal(CloseReason.Merged, merged.CloseReason);
        Assert.Equal("t-1", merged.MergedInto);
        Assert.True(merged.ResolutionClock.IsStopped);

        Assert.Equal(TicketErrorCodes.Merged, Rejection(merged, new TicketCommand.Reopen("x"), Monday.AddHours(4), Operator).Code);
        var third = Open(Monday.AddHours(5), id: "t-3");
        Assert.Equal(TicketErrorCodes.MergeTargetMerged, Rejection(third, new TicketCommand.Merge(merged, null), Monday.AddHours(6), Operator).Code);
    }

    [Fact]
    public void Handlers_act_only_on_their_own_units_tickets()
    {
        var ticket = InStatus(TicketStatus.Assigned);
        var accept = new TicketCommand.Accept();
        Assert.Null(TicketAccess.Check(HandlerOf("370102-union"), ticket, accept));
        Assert.Equal(TicketErrorCodes.NotYourUnit, TicketAccess.Check(HandlerOf("370103-union"), ticket, accept)?.Code);
        Assert.Equal(RejectionKind.Forbidden, TicketAccess.Check(HandlerOf("370103-union"), ticket, accept)?.Kind);
        Assert.Null(TicketAccess.Check(Supervisor, ticket, accept));
        Assert.Equal(TicketErrorCodes.RoleNotAllowed, TicketAccess.Check(Operator, ticket, accept)?.Code);
        Assert.Equal(TicketErrorCodes.RoleNotAllowed, TicketAccess.Check(HandlerOf("370102-union"), ticket, new TicketCommand.Reopen("x"))?.Code);
        Assert.Equal(TicketErrorCodes.RoleNotAllowed, TicketAccess.Check(new Actor("a", HotlineRole.None, null), ticket, accept)?.Code);
        Assert.Null(TicketAccess.Check(Actor.System, ticket, new TicketCommand.RaiseSlaEvent("x")));
        Assert.Equal(TicketErrorCodes.RoleNotAllowed, TicketAccess.Check(Actor.System, ticket, accept)?.Code);
        Assert.Equal(TicketErrorCodes.RoleNotAllowed, TicketAccess.Check(Operator, ticket, new TicketCommand.RaiseSlaEvent("x"))?.Code);

        Assert.True(TicketAccess.CanView(HandlerOf("370102-union"), ticket));
        Assert.False(TicketAccess.CanView(HandlerOf("370103-union"), ticket));
        Assert.True(TicketAccess.CanSeeFullPhone(Operator, ticket));
        Assert.False(TicketAccess.CanSeeFullPhone(HandlerOf("370103-union"), ticket));
        Assert.False(TicketAccess.CanSeeFullPhone(new Actor("admin", HotlineRole.Admin, null), ticket));
    }

    [Fact]
    public void A_ticket_written_to_a_log_shows_the_phone_masked()
    {
        var text = Open(Monday, Intake(phone: "13812345678")).ToString();
        Assert.DoesNotContain("13812345678", text);
        Assert.Contains("138****5678", text);
    }

    private static Ticket Resolved(DateTimeOffset resolvedAt, TicketIntake? intake = null) =>
        OpenAccepted(resolvedAt.AddHours(-1), resolvedAt.AddMinutes(-30), intake)
            .Apply(new TicketCommand.Resolve("已办结"), HandlerOf("370102-union"), resolvedAt);

    private static Ticket InStatus(TicketStatus status) => status switch
    {
        TicketStatus.Received => Open(Monday),
        TicketStatus.Assigned => Open(Monday).Apply(new TicketCommand.Assign(Unit("370102-union")), Actor.System, Monday),
        TicketStatus.InProgress => OpenAccepted(Monday, Monday.AddMinutes(5)),
        TicketStatus.Resolved => Resolved(Monday.AddHours(2)),
        TicketStatus.Closed => Resolved(Monday.AddHours(2)).Apply(new TicketCommand.Callback(true, 4, null), Operator, Monday.AddDays(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static IEnumerable<TicketCommand> Commands() =>
    [
        new TicketCommand.Assign(Unit("370103-union")),
        new TicketCommand.Accept(),
        new TicketCommand.Progress("note"),
        new TicketCommand.WaitOnCaller("reason"),
        new TicketCommand.Resume(null),
        new TicketCommand.Resolve("resolution"),
        new TicketCommand.Callback(true, 5, null),
        new TicketCommand.Reopen("reason"),
        new TicketCommand.Transfer(Unit("370103-union"), "reason"),
        new TicketCommand.Merge(Open(Monday, id: "other"), null),
        new TicketCommand.Close("reason"),
    ];
}
