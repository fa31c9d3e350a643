namespace Gonghui.Functions.Hotline;

/// <summary>
/// What an intake with one idempotency key was: the body's hash, the ticket it opened (id, number, receipt time)
/// and the body itself, so any retry with the same key and body can finish what the first attempt started.
/// </summary>
public sealed record IntakeRecord(string Key, string BodyHash, string TicketId, TicketNumber Number, DateTimeOffset ReceivedAt, string Body);
