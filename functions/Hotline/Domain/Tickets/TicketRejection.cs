namespace Gonghui.Functions.Hotline.Domain;

/// <summary>Why a command was refused: a stable code (e.g. ticket.transition_not_allowed), the field for input errors, and a message for people.</summary>
public sealed record TicketRejection(RejectionKind Kind, string Code, string Message, string? Field = null);
