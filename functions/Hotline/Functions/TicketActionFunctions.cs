using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Services;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Http;
using Gonghui.Functions.Json;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Hotline.Functions;

/// <summary>
/// POST /api/tickets/{id}/{action}: assign, accept, progress, wait-on-caller, resume, resolve, callback, reopen,
/// transfer, merge, close. 409 when the state does not allow it, 403 for another unit's ticket or a role that may
/// not, 412 when If-Match names an older version; answers the updated ticket with its new ETag.
/// </summary>
public sealed class TicketActionFunctions(HotlineTickets tickets, ReferenceDataStore reference, TimeProvider clock)
{
    private const ApiRoles Actors = ApiRoles.Operator | ApiRoles.Handler | ApiRoles.Supervisor | ApiRoles.Admin;

    [Function("HotlineTicketAction")]
    [ApiAccess(Actors)]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/{action}")] HttpRequest req, string id, string action,
        CancellationToken cancellationToken)
    {
        if (!HotlineHttp.IsTicketId(id))
        {
            return HotlineHttp.TicketNotFound(id);
        }

        var (ifMatch, ifMatchProblem) = HotlineHttp.IfMatch(req);
        if (ifMatchProblem is not null)
        {
            return ifMatchProblem;
        }

        var read = await req.ReadJsonBodyAsync(AppJson.Options, new TicketActionRequest(), HotlineHttp.MaxBodyBytes, cancellationToken);
        if (!read.IsValid)
        {
            return read.Problem;
        }

        var body = read.Value;

        var data = await reference.GetAsync(cancellationToken);
        var (command, commandProblem) = await CommandAsync(action, body!, data, cancellationToken);
        if (commandProblem is not null)
        {
            return commandProblem;
        }

        var outcome = await tickets.ApplyAsync(id, command!, HotlineHttp.ActorOf(req), ifMatch, cancellationToken);
        if (outcome.NotFound)
        {
            return HotlineHttp.TicketNotFound(id);
        }

        if (outcome.PreconditionFailed)
        {
            return Problems.PreconditionFailed("The ticket was changed since you read it; read it again and retry.", "ticket.changed");
        }

        if (outcome.Rejection is { } rejection)
        {
            return HotlineHttp.Rejection(rejection);
        }

        var updated = outcome.Updated!.Ticket;
        var actor = HotlineHttp.ActorOf(req);
        var history = await tickets.GetHistoryAsync(id, cancellationToken);
        return HotlineHttp.Json(req, StatusCodes.Status200OK,
            TicketView.Of(updated, history, TicketAccess.CanSeeFullPhone(actor, updated), clock.GetUtcNow()), updated.Version);
    }

    private async Task<(TicketCommand? Command, IResult? Problem)> CommandAsync(
        string action, TicketActionRequest body, HotlineReference data, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case "assign":
            case "transfer":
                if (string.IsNullOrEmpty(body.UnitId))
                {
                    return (null, Problems.Invalid("unitId", "required"));
                }

                if (data.Routing.FindUnit(body.UnitId) is not { } unit)
                {
                    return (null, Problems.Invalid("unitId", "unknown"));
                }

                return (action == "assign" ? new TicketCommand.Assign(unit) : new TicketCommand.Transfer(unit, body.Reason), null);
            case "accept":
                return (new TicketCommand.Accept(), null);
            case "progress":
                return (new TicketCommand.Progress(body.Note), null);
            case "wait-on-caller":
                return (new TicketCommand.WaitOnCaller(body.Reason), null);
            case "resume":
                return (new TicketCommand.Resume(body.Note), null);
            case "resolve":
                return (new TicketCommand.Resolve(body.Resolution), null);
            case "callback":
                return body.Reached is { } reached
                    ? (new TicketCommand.Callback(reached, body.Satisfaction, body.Note), null)
                    : (null, Problems.Invalid("reached", "required"));
            case "reopen":
                return (new TicketCommand.Reopen(body.Reason), null);
            case "close":
                return (new TicketCommand.Close(body.Reason), null);
            case "merge":
                if (string.IsNullOrEmpty(body.Into))
                {
                    return (null, Problems.Invalid("into", "required"));
                }

                if (!HotlineHttp.IsTicketId(body.Into) || await tickets.GetAsync(body.Into, cancellationToken) is not { } original)
                {
                    return (null, Problems.Invalid("into", "unknown"));
                }

                return (new TicketCommand.Merge(original.Ticket, body.Reason), null);
            default:
                return (null, Problems.NotFound(
                    "Actions are assign, accept, progress, wait-on-caller, resume, resolve, callback, reopen, transfer, merge and close.",
                    "ticket.unknown_action"));
        }
    }
}
