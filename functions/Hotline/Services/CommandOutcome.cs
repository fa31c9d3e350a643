using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Stores;

namespace Gonghui.Functions.Hotline.Services;

/// <summary>
/// The result of a command on a ticket: the updated ticket, a rejection (400/403/409), not found (404),
/// or a stale If-Match (412).
/// </summary>
public sealed record CommandOutcome(StoredTicket? Updated, TicketRejection? Rejection, bool NotFound, bool PreconditionFailed)
{
    public static CommandOutcome Done(StoredTicket updated) => new(updated, null, false, false);

    public static CommandOutcome Rejected(TicketRejection rejection) => new(null, rejection, false, false);

    public static CommandOutcome Missing { get; } = new(null, null, true, false);

    public static CommandOutcome Stale { get; } = new(null, null, false, true);
}
