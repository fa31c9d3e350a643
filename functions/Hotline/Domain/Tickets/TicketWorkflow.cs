using Gonghui.Functions.Calendar;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// The ticket state machine. Every change is a pure function of (ticket, command, actor, now) that
/// answers the new snapshot plus the history entry recording it, or a rejection with a stable code.
/// Who may issue a command is <see cref="TicketAccess"/>'s rule, checked by the caller first.
/// <code>
/// received ─assign→ assigned ─accept→ in_progress ─resolve→ resolved ─callback/close→ closed
///                    ↑  transfer (from assigned or in_progress)   │ reopen (≤ 15 days)  │
///                    └────────────────────────────────────────────┴─────────────────────┘
/// </code>
/// </summary>
public sealed class TicketWorkflow(WorkingCalendar calendar, HotlinePolicy policy)
{
    public const int MaxNoteLength = 2000;
    public const int MaxResolutionLength = 4000;

    private readonly SlaEvaluator _sla = new(calendar, policy);

    public WorkingCalendar Calendar => calendar;

    public HotlinePolicy Policy => policy;

    public SlaEvaluator Sla => _sla;

    /// <summary>A new ticket in <see cref="TicketStatus.Received"/>, with both SLA clocks started at <paramref name="now"/>.</summary>
    public TransitionResult Open(
        string id, TicketNumber number, TicketIntake intake, string phoneHash, string? possibleDuplicateOf, Actor actor, DateTimeOffset now)
    {
        var ticket = new Ticket
        {
            Id = id,
            Number = number,
            Intake = intake,
            PhoneHash = phoneHash,
            ReceivedAt = now,
            Status = TicketStatus.Received,
            Version = 1,
            PossibleDuplicateOf = possibleDuplicateOf,
            AcceptanceClock = SlaClock.Start(1, policy.Acceptance.ToWorkingTime(calendar.Hours), now, calendar),
            ResolutionClock = SlaClock.Start(
                1, policy.ResolutionTarget(intake.Category, intake.Urgency).ToWorkingTime(calendar.Hours), now, calendar),
        };
        var details = new Dictionary<string, string>
        {
            ["number"] = number.ToString(),
            ["category"] = WireNames<TicketCategory>.Of(intake.Category),
            ["regionCode"] = intake.RegionCode,
            ["channel"] = WireNames<TicketChannel>.Of(intake.Channel),
            ["urgency"] = WireNames<TicketUrgency>.Of(intake.Urgency),
        };
        if (possibleDuplicateOf is not null)
        {
            details["possibleDuplicateOf"] = possibleDuplicateOf;
        }

        return TransitionResult.Success(
            ticket, new TicketHistoryEntry(1, now, actor.Id, "receive", TicketStatus.Received, TicketStatus.Received, null, details));
    }

    public TransitionResult Apply(Ticket ticket, TicketCommand command, Actor actor, DateTimeOffset now)
    {
        if (ticket.MergedInto is not null)
        {
            return Conflict(TicketErrorCodes.Merged, $"The ticket was merged into {ticket.MergedInto}.");
        }

        var change = new Change(ticket, command, actor, now);
        return command switch
        {
            TicketCommand.Assign assign => AssignTo(change, assign),
            TicketCommand.Accept => Accept(change),
            TicketCommand.Progress progress => Progress(change, progress),
            TicketCommand.WaitOnCaller wait => SetWaitingOnCaller(change, waiting: true, wait.Reason),
            TicketCommand.Resume resume => SetWaitingOnCaller(change, waiting: false, resume.Note),
            TicketCommand.Resolve resolve => Resolve(change, resolve),
            TicketCommand.Callback callback => Callback(change, callback),
            TicketCommand.Reopen reopen => Reopen(change, reopen),
            TicketCommand.Transfer transfer => Transfer(change, transfer),
            TicketCommand.Merge merge => Merge(change, merge),
            TicketCommand.RecordMergedDuplicate duplicate => RecordMergedDuplicate(change, duplicate),
            TicketCommand.Close close => Close(change, close),
            TicketCommand.RaiseSlaEvent raise => RaiseSlaEvent(change, raise),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
    }

    private static TransitionResult AssignTo(Change change, TicketCommand.Assign assign)
    {
        if (change.Ticket.Status != TicketStatus.Received)
        {
            return NotAllowed(change);
        }

        return change.Record(
            change.Ticket with { Status = TicketStatus.Assigned, UnitId = assign.Unit.Id },
            reason: null,
            ("unitId", assign.Unit.Id));
    }

    private TransitionResult Accept(Change change)
    {
        var ticket = change.Ticket;
        if (ticket.Status != TicketStatus.Assigned)
        {
            return NotAllowed(change);
        }

        var clock = ticket.AcceptanceClock.Stop(change.Now, calendar);
        return change.Record(
            ticket with
            {
                Status = TicketStatus.InProgress,
                AcceptanceClock = clock,
                AcceptanceBreaches = ticket.AcceptanceBreaches + NewBreach(ticket.AcceptanceClock, clock),
                FirstResponseAt = ticket.FirstResponseAt ?? change.Now,
                FirstResponseTime = ticket.FirstResponseTime ?? calendar.WorkingTimeBetween(ticket.ReceivedAt, change.Now),
            },
            reason: null);
    }

    private static TransitionResult Progress(Change change, TicketCommand.Progress progress)
    {
        if (change.Ticket.Status != TicketStatus.InProgress)
        {
            return NotAllowed(change);
        }

        return RequiredText("note", progress.Note, MaxNoteLength, out var note) ?? change.Record(change.Ticket, note);
    }

    /// <summary>Wait-on-caller pauses the resolution clock (a reason is required); resume restarts it.</summary>
    private TransitionResult SetWaitingOnCaller(Change change, bool waiting, string? text)
    {
        var ticket = change.Ticket;
        if (ticket.Status != TicketStatus.InProgress)
        {
            return NotAllowed(change);
        }

        if (ticket.WaitingOnCaller == waiting)
        {
            return waiting
                ? Conflict(TicketErrorCodes.WaitingOnCaller, "The ticket is already waiting on the caller.")
                : Conflict(TicketErrorCodes.NotWaitingOnCaller, "The ticket is not waiting on the caller.");
        }

        var clock = waiting ? ticket.ResolutionClock.Pause(change.Now, calendar) : ticket.ResolutionClock.Resume(change.Now, calendar);
        return CheckText(waiting ? "reason" : "note", text, MaxNoteLength, required: waiting, out var checkedText)
            ?? change.Record(ticket with { WaitingOnCaller = waiting, ResolutionClock = clock }, checkedText);
    }

    private TransitionResult Resolve(Change change, TicketCommand.Resolve resolve)
    {
        var ticket = change.Ticket;
        if (ticket.Status != TicketStatus.InProgress)
        {
            return NotAllowed(change);
        }

        var rejection = RequiredText("resolution", resolve.Resolution, MaxResolutionLength, out var resolution);
        if (rejection is not null)
        {
            return rejection;
        }

        var clock = ticket.ResolutionClock.Stop(change.Now, calendar);
        return change.Record(
            ticket with
            {
                Status = TicketStatus.Resolved,
                WaitingOnCaller = false,
                Resolution = resolution,
                ResolvedAt = change.Now,
                ResolutionClock = clock,
                ResolutionTime = clock.Elapsed,
                ResolutionBreaches = ticket.ResolutionBreaches + NewBreach(ticket.ResolutionClock, clock),
                TimesResolved = ticket.TimesResolved + 1,
            },
            resolution);
    }

    private TransitionResult Callback(Change change, TicketCommand.Callback callback)
    {
        var ticket = change.Ticket;
        if (ticket.Status != TicketStatus.Resolved)
        {
            return NotAllowed(change);
        }

        if (!ticket.Intake.CallbackConsent)
        {
            return Conflict(TicketErrorCodes.CallbackNotConsented, "The caller did not consent to a callback; close the ticket instead.");
        }

        var rejection = OptionalText("note", callback.Note, MaxNoteLength, out var note);
        if (rejection is not null)
        {
            return rejection;
        }

        if (callback.Reached && callback.Satisfaction is null)
        {
            return Invalid("satisfaction", "required", "A reached callback records the caller's satisfaction (1–5).");
        }

        if (callback.Reached && callback.Satisfaction is not (>= 1 and <= 5))
        {
            return Invalid("satisfaction", "out_of_range", "Satisfaction is from 1 to 5.");
        }

        if (!callback.Reached && callback.Satisfaction is not null)
        {
            return Invalid("satisfaction", "not_allowed", "Satisfaction is only recorded when the caller was reached.");
        }

        var attempts = ticket.CallbackAttempts
            .Append(new CallbackAttempt(change.Now, change.Actor.Id, callback.Reached, callback.Satisfaction, note))
            .ToList();
        var closeReason = callback.Reached ? CloseReason.CallbackCompleted
            : UnreachedWorkingDays(attempts, ticket.ResolvedAt) >= policy.UnreachedCallbackWorkingDays ? CloseReason.CallbackFailed
            : (CloseReason?)null;
        var updated = ticket with { CallbackAttempts = attempts };
        if (closeReason is { } reason)
        {
            updated = updated with { Status = TicketStatus.Closed, ClosedAt = change.Now, CloseReason = reason };
        }

        return change.Record(
            updated,
            note,
            ("reached", callback.Reached ? "true" : "false"),
            ("satisfaction", callback.Satisfaction?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("closeReason", closeReason is { } r ? WireNames<CloseReason>.Of(r) : null));
    }

    /// <summary>Distinct working days (local) with an unreached callback since the latest resolution.</summary>
    private int UnreachedWorkingDays(IEnumerable<CallbackAttempt> attempts, DateTimeOffset? resolvedAt) =>
        attempts
            .Where(attempt => !attempt.Reached && attempt.At >= resolvedAt)
            .Select(attempt => ChinaStandardTime.ToLocalDate(attempt.At))
            .Where(calendar.IsWorkingDay)
            .Distinct()
            .Count();

    private TransitionResult Reopen(Change change, TicketCommand.Reopen reopen)
    {
        var ticket = change.Ticket;
        if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed))
        {
            return NotAllowed(change);
        }

        var since = ticket.ClosedAt ?? ticket.ResolvedAt ?? ticket.ReceivedAt;
        if (change.Now - since > TimeSpan.FromDays(policy.ReopenWindowDays))
        {
            return Conflict(TicketErrorCodes.ReopenWindowExpired, $"A ticket can be reopened within {policy.ReopenWindowDays} days.");
        }

        return RequiredText("reason", reopen.Reason, MaxNoteLength, out var reason)
            ?? change.Record(
                ticket with
                {
                    Status = TicketStatus.Assigned,
                    ReopenCount = ticket.ReopenCount + 1,
                    ResolvedAt = null,
                    ClosedAt = null,
                    CloseReason = null,
                    AcceptanceClock = ticket.AcceptanceClock.Restart(change.Now, calendar),
                    ResolutionClock = ticket.ResolutionClock.Restart(change.Now, calendar),
                },
                reason);
    }

    private TransitionResult Transfer(Change change, TicketCommand.Transfer transfer)
    {
        var ticket = change.Ticket;
        if (ticket.Status is not (TicketStatus.Assigned or TicketStatus.InProgress))
        {
            return NotAllowed(change);
        }

        if (transfer.Unit.Id == ticket.UnitId)
        {
            return Conflict(TicketErrorCodes.SameUnit, "The ticket is already with that unit.");
        }

        var rejection = RequiredText("reason", transfer.Reason, MaxNoteLength, out var reason);
        if (rejection is not null)
        {
            return rejection;
        }

        var transfers = ticket.TransferCount + 1;
        var escalate = ticket.EscalatedAt is null && transfers >= policy.TransfersBeforeEscalation;
        return change.Record(
            ticket with
            {
                Status = TicketStatus.Assigned,
                UnitId = transfer.Unit.Id,
                TransferCount = transfers,
                EscalatedAt = escalate ? change.Now : ticket.EscalatedAt,
                WaitingOnCaller = false,
                AcceptanceClock = ticket.AcceptanceClock.Restart(change.Now, calendar),
                ResolutionClock = ticket.ResolutionClock.Resume(change.Now, calendar),
            },
            reason,
            ("fromUnitId", ticket.UnitId),
            ("unitId", transfer.Unit.Id),
            ("escalated", escalate ? "true" : null));
    }

    private TransitionResult Merge(Change change, TicketCommand.Merge merge)
    {
        var ticket = change.Ticket;
        if (ticket.Status is not (TicketStatus.Received or TicketStatus.Assigned or TicketStatus.InProgress))
        {
            return NotAllowed(change);
        }

        if (merge.Original.Id == ticket.Id)
        {
            return Invalid("into", TicketErrorCodes.MergeIntoSelf, "A ticket cannot be merged into itself.");
        }

        if (merge.Original.MergedInto is not null)
        {
            return Conflict(TicketErrorCodes.MergeTargetMerged, $"{merge.Original.Id} was itself merged into {merge.Original.MergedInto}.");
        }

        return OptionalText("reason", merge.Reason, MaxNoteLength, out var reason)
            ?? change.Record(
                ticket with
                {
                    Status = TicketStatus.Closed,
                    ClosedAt = change.Now,
                    CloseReason = Domain.CloseReason.Merged,
                    MergedInto = merge.Original.Id,
                    WaitingOnCaller = false,
                    AcceptanceClock = ticket.AcceptanceClock.Stop(change.Now, calendar),
                    ResolutionClock = ticket.ResolutionClock.Stop(change.Now, calendar),
                },
                reason,
                ("into", merge.Original.Id));
    }

    /// <summary>The original's side of a merge: a history entry in any status, once per duplicate.</summary>
    private static TransitionResult RecordMergedDuplicate(Change change, TicketCommand.RecordMergedDuplicate record)
    {
        var ticket = change.Ticket;
        if (ticket.MergedDuplicates.Contains(record.Duplicate.Id))
        {
            return Conflict(TicketErrorCodes.DuplicateAlreadyRecorded, $"{record.Duplicate.Id} is already recorded as merged into this ticket.");
        }

        return change.Record(
            ticket with { MergedDuplicates = [.. ticket.MergedDuplicates, record.Duplicate.Id] },
            record.Reason,
            ("duplicateId", record.Duplicate.Id),
            ("duplicateNumber", record.Duplicate.Number.ToString()));
    }

    private static TransitionResult Close(Change change, TicketCommand.Close close)
    {
        if (change.Ticket.Status != TicketStatus.Resolved)
        {
            return NotAllowed(change);
        }

        return RequiredText("reason", close.Reason, MaxNoteLength, out var reason)
            ?? change.Record(
                change.Ticket with { Status = TicketStatus.Closed, ClosedAt = change.Now, CloseReason = Domain.CloseReason.ClosedByStaff },
                reason);
    }

    private TransitionResult RaiseSlaEvent(Change change, TicketCommand.RaiseSlaEvent raise)
    {
        var ticket = change.Ticket;
        var due = _sla.DueEvents(ticket, change.Now).FirstOrDefault(candidate => candidate.Key == raise.EventKey);
        if (due is null)
        {
            return Conflict(TicketErrorCodes.SlaEventNotDue, $"SLA event {raise.EventKey} is not due or was already raised.");
        }

        var updated = ticket with { RaisedSlaEvents = [.. ticket.RaisedSlaEvents, due.Key] };
        if (due.Kind == SlaEventKind.AcceptanceBreach)
        {
            var clock = ticket.AcceptanceClock.MarkBreached();
            updated = updated with { AcceptanceClock = clock, AcceptanceBreaches = ticket.AcceptanceBreaches + NewBreach(ticket.AcceptanceClock, clock) };
        }
        else if (due.Kind == SlaEventKind.ResolutionBreach)
        {
            var clock = ticket.ResolutionClock.MarkBreached();
            updated = updated with { ResolutionClock = clock, ResolutionBreaches = ticket.ResolutionBreaches + NewBreach(ticket.ResolutionClock, clock) };
        }

        else if (due.Kind == SlaEventKind.CallbackOverdue && ticket.CallbackAttempts.Any(attempt => attempt.At >= ticket.ResolvedAt))
        {
            // Tried within the window and never reached (a reached callback closes the ticket at once).
            updated = updated with { Status = TicketStatus.Closed, ClosedAt = change.Now, CloseReason = CloseReason.CallbackFailed };
            return change.Record(updated, reason: null, ("event", due.Key), ("unitId", ticket.UnitId),
                ("closeReason", WireNames<CloseReason>.Of(CloseReason.CallbackFailed)));
        }

        return change.Record(updated, reason: null, ("event", due.Key), ("unitId", ticket.UnitId));
    }

    private static int NewBreach(SlaClock before, SlaClock after) => !before.IsBreached && after.IsBreached ? 1 : 0;

    private static TransitionResult NotAllowed(Change change) =>
        Conflict(
            TicketErrorCodes.TransitionNotAllowed,
            $"Cannot {change.Command.Action} a ticket that is {WireNames<TicketStatus>.Of(change.Ticket.Status)}.");

    private static TransitionResult Conflict(string code, string message) =>
        TransitionResult.Rejected(new TicketRejection(RejectionKind.Conflict, code, message));

    private static TransitionResult Invalid(string field, string code, string message) =>
        TransitionResult.Rejected(new TicketRejection(RejectionKind.InvalidInput, code, message, field));

    private static TransitionResult? RequiredText(string field, string? value, int maxLength, out string? text) =>
        CheckText(field, value, maxLength, required: true, out text);

    private static TransitionResult? OptionalText(string field, string? value, int maxLength, out string? text) =>
        CheckText(field, value, maxLength, required: false, out text);

    private static TransitionResult? CheckText(string field, string? value, int maxLength, bool required, out string? text)
    {
        var errors = new List<FieldError>();
        text = TextField.Check(field, value, maxLength, required, multiLine: true, errors);
        return errors.Count == 0 ? null : Invalid(field, errors[0].Code, $"The {field} is missing, too long or has control characters.");
    }

    /// <summary>One command being applied: builds the next snapshot's version and its history entry.</summary>
    private sealed record Change(Ticket Ticket, TicketCommand Command, Actor Actor, DateTimeOffset Now)
    {
        public TransitionResult Record(Ticket updated, string? reason, params (string Key, string? Value)[] details)
        {
            var next = updated with { Version = Ticket.Version + 1 };
            var entry = new TicketHistoryEntry(
                next.Version,
                Now,
                Actor.Id,
                Command.Action,
                Ticket.Status,
                next.Status,
                reason,
                details.Where(detail => detail.Value is not null).ToDictionary(detail => detail.Key, detail => detail.Value!));
            return TransitionResult.Success(next, entry);
        }
    }
}
