using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// Which SLA events a ticket has at a given time. A timer asks <see cref="DueEvents"/>, acts on each
/// (e-mail), and records it with <see cref="TicketCommand.RaiseSlaEvent"/> under the ticket's ETag;
/// a second run then finds nothing due, so the timer is idempotent. <see cref="NextCheckAt"/> is the
/// instant to index so the timer finds tickets without scanning all of them.
/// A warning is due from <see cref="HotlinePolicy.WarningPercent"/> of the target until the due
/// instant; a timer that wakes after the due instant raises the breach alone.
/// </summary>
public sealed class SlaEvaluator(WorkingCalendar calendar, HotlinePolicy policy)
{
    public IReadOnlyList<SlaEvent> DueEvents(Ticket ticket, DateTimeOffset now) =>
        Candidates(ticket).Where(candidate => candidate.At <= now && IsDue(ticket, candidate, now)).ToList();

    /// <summary>Not yet resolved and past its resolution due instant (the list filter "overdue").</summary>
    public static bool IsOverdue(Ticket ticket, DateTimeOffset now) =>
        ticket.Status is TicketStatus.Received or TicketStatus.Assigned or TicketStatus.InProgress
        && ticket.ResolutionClock.DueAt is { } due
        && now > due;

    /// <summary>The earliest instant at which an event not yet raised falls due, or null when none will.</summary>
    public DateTimeOffset? NextCheckAt(Ticket ticket) =>
        Candidates(ticket).Select(candidate => (DateTimeOffset?)candidate.At).Min();

    /// <summary>Events not yet raised, each at the instant it falls due.</summary>
    private IEnumerable<SlaEvent> Candidates(Ticket ticket)
    {
        if (ticket.MergedInto is not null)
        {
            yield break;
        }

        foreach (var (clock, warning, breach) in new[]
                 {
                     (ticket.AcceptanceClock, SlaEventKind.AcceptanceWarning, SlaEventKind.AcceptanceBreach),
                     (ticket.ResolutionClock, SlaEventKind.ResolutionWarning, SlaEventKind.ResolutionBreach),
                 })
        {
            if (!clock.IsBreached && clock.InstantAtPercent(policy.WarningPercent, calendar) is { } warnAt)
            {
                var warningEvent = new SlaEvent(warning, clock.Cycle, warnAt);
                if (!ticket.RaisedSlaEvents.Contains(warningEvent.Key))
                {
                    yield return warningEvent;
                }
            }

            var breachAt = clock.BreachedAt ?? (clock.IsRunning ? clock.DueAt : null);
            if (breachAt is { } at)
            {
                var breachEvent = new SlaEvent(breach, clock.Cycle, at);
                if (!ticket.RaisedSlaEvents.Contains(breachEvent.Key))
                {
                    yield return breachEvent;
                }
            }
        }

        if (ticket.EscalatedAt is { } escalatedAt)
        {
            var escalation = new SlaEvent(SlaEventKind.TransferEscalation, 1, escalatedAt);
            if (!ticket.RaisedSlaEvents.Contains(escalation.Key))
            {
                yield return escalation;
            }
        }

        if (ticket.Status == TicketStatus.Resolved && ticket.ResolvedAt is { } resolvedAt)
        {
            var overdue = new SlaEvent(SlaEventKind.CallbackOverdue, ticket.ResolutionClock.Cycle, CallbackWindowEnd(resolvedAt));
            if (!ticket.RaisedSlaEvents.Contains(overdue.Key))
            {
                yield return overdue;
            }
        }
    }

    /// <summary>
    /// When the callback window of a resolution ends: as many working days after it as the callback rule counts days
    /// with an attempt (<see cref="HotlinePolicy.UnreachedCallbackWorkingDays"/>), so a ticket resolved on Friday at
    /// 10:00 can be called on Friday, Monday and Tuesday, and the window ends on Wednesday at 10:00.
    /// </summary>
    public DateTimeOffset CallbackWindowEnd(DateTimeOffset resolvedAt) =>
        calendar.AddWorkingDays(resolvedAt, policy.UnreachedCallbackWorkingDays);

    private static bool IsDue(Ticket ticket, SlaEvent candidate, DateTimeOffset now) => candidate.Kind switch
    {
        SlaEventKind.AcceptanceWarning => now < ticket.AcceptanceClock.DueAt,
        SlaEventKind.ResolutionWarning => now < ticket.ResolutionClock.DueAt,
        _ => true,
    };
}
