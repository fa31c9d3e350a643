using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Functions;

/// <summary>A ticket as GET /api/tickets/{id} shows it: enums by wire name, the phone masked unless the caller may call back.</summary>
public sealed record TicketView(
    string Id,
    string Number,
    string Status,
    bool WaitingOnCaller,
    string Category,
    string RegionCode,
    string Channel,
    string Urgency,
    string CallerName,
    string Phone,
    string Subject,
    string Description,
    string? MemberId,
    string? Employer,
    bool CallbackConsent,
    string? UnitId,
    int TransferCount,
    DateTimeOffset? EscalatedAt,
    string? PossibleDuplicateOf,
    string? MergedInto,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? AcceptanceDueAt,
    DateTimeOffset? ResolutionDueAt,
    bool Overdue,
    string? Resolution,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    string? CloseReason,
    IReadOnlyList<CallbackAttempt> Callbacks,
    IReadOnlyList<string> SlaEvents,
    int Version,
    IReadOnlyList<TicketHistoryView> History)
{
    public static TicketView Of(Ticket ticket, IReadOnlyList<TicketHistoryEntry> history, bool fullPhone, DateTimeOffset now) => new(
        ticket.Id,
        ticket.Number.ToString(),
        WireNames<TicketStatus>.Of(ticket.Status),
        ticket.WaitingOnCaller,
        WireNames<TicketCategory>.Of(ticket.Category),
        ticket.RegionCode,
        WireNames<TicketChannel>.Of(ticket.Intake.Channel),
        WireNames<TicketUrgency>.Of(ticket.Intake.Urgency),
        ticket.Intake.CallerName,
        fullPhone ? ticket.Intake.Phone.Normalized : ticket.Intake.Phone.Masked,
        ticket.Intake.Subject,
        ticket.Intake.Description,
        ticket.Intake.MemberId,
        ticket.Intake.Employer,
        ticket.Intake.CallbackConsent,
        ticket.UnitId,
        ticket.TransferCount,
        ticket.EscalatedAt,
        ticket.PossibleDuplicateOf,
        ticket.MergedInto,
        ticket.ReceivedAt,
        ticket.FirstResponseAt,
        ticket.AcceptanceClock.IsRunning ? ticket.AcceptanceClock.DueAt : null,
        ticket.ResolutionClock.IsRunning ? ticket.ResolutionClock.DueAt : null,
        SlaEvaluator.IsOverdue(ticket, now),
        ticket.Resolution,
        ticket.ResolvedAt,
        ticket.ClosedAt,
        ticket.CloseReason is { } reason ? WireNames<CloseReason>.Of(reason) : null,
        ticket.CallbackAttempts,
        ticket.RaisedSlaEvents,
        ticket.Version,
        history.Select(TicketHistoryView.Of).ToList());
}

/// <summary>One history entry: who, when, what (action, status change, details), why.</summary>
public sealed record TicketHistoryView(
    int Sequence, DateTimeOffset At, string Actor, string Action, string FromStatus, string ToStatus, string? Reason,
    IReadOnlyDictionary<string, string> Details)
{
    public static TicketHistoryView Of(TicketHistoryEntry entry) => new(
        entry.Sequence, entry.At, entry.ActorId, entry.Action, WireNames<TicketStatus>.Of(entry.FromStatus),
        WireNames<TicketStatus>.Of(entry.ToStatus), entry.Reason, entry.Details);
}
