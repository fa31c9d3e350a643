namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// Who may do what to a ticket. Handlers act only on their own unit's tickets; supervisors and
/// admins on any; operators take calls, route, call back, reopen, merge and close; the system
/// (routing, SLA timer) assigns and raises SLA events. The HTTP layer calls this before the workflow.
/// </summary>
public static class TicketAccess
{
    private const HotlineRole Staff = HotlineRole.Supervisor | HotlineRole.Admin;

    public static TicketRejection? Check(Actor actor, Ticket ticket, TicketCommand command)
    {
        if (actor.IsSystem)
        {
            return command is TicketCommand.Assign or TicketCommand.RaiseSlaEvent or TicketCommand.RecordMergedDuplicate
                ? null
                : Forbidden(TicketErrorCodes.RoleNotAllowed, $"The system does not {command.Action} tickets.");
        }

        var allowed = command switch
        {
            TicketCommand.Assign => HotlineRole.Operator | Staff,
            TicketCommand.Accept or TicketCommand.Progress or TicketCommand.WaitOnCaller or TicketCommand.Resume
                or TicketCommand.Resolve or TicketCommand.Transfer => HotlineRole.Handler | Staff,
            TicketCommand.Callback => HotlineRole.Operator | HotlineRole.Handler | Staff,
            TicketCommand.Reopen or TicketCommand.Merge or TicketCommand.Close => HotlineRole.Operator | Staff,
            _ => HotlineRole.None,
        };
        if ((actor.Roles & allowed) == 0)
        {
            return Forbidden(TicketErrorCodes.RoleNotAllowed, $"Your role may not {command.Action} tickets.");
        }

        return actor.Has(allowed & ~HotlineRole.Handler) || IsOwnUnit(actor, ticket)
            ? null
            : Forbidden(TicketErrorCodes.NotYourUnit, "Handlers act only on their own unit's tickets.");
    }

    /// <summary>Whether the actor may read the ticket: handlers only their unit's, other hotline roles all.</summary>
    public static bool CanView(Actor actor, Ticket ticket) =>
        actor.IsSystem || actor.Has(HotlineRole.Operator | Staff) || (actor.Has(HotlineRole.Handler) && IsOwnUnit(actor, ticket));

    /// <summary>Whether the actor sees the caller's full phone number (to call back); everyone else sees it masked.</summary>
    public static bool CanSeeFullPhone(Actor actor, Ticket ticket) =>
        actor.Has(HotlineRole.Operator | HotlineRole.Supervisor) || (actor.Has(HotlineRole.Handler) && IsOwnUnit(actor, ticket));

    private static bool IsOwnUnit(Actor actor, Ticket ticket) => actor.UnitId is not null && actor.UnitId == ticket.UnitId;

    private static TicketRejection Forbidden(string code, string message) => new(RejectionKind.Forbidden, code, message);
}
