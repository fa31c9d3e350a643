using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Services;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Http;
using Gonghui.Functions.Json;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Hotline.Functions;

/// <summary>Ticket intake and reads: POST /api/tickets, GET /api/tickets/{id}, GET /api/tickets.</summary>
public sealed class TicketFunctions(HotlineTickets tickets, TicketIndexStore index, ReferenceDataStore reference, TimeProvider clock)
{
    public const int MaxIdempotencyKeyLength = 128;
    private const ApiRoles Readers = ApiRoles.Operator | ApiRoles.Handler | ApiRoles.Supervisor | ApiRoles.Admin;

    [Function("HotlineOpenTicket")]
    [ApiAccess(ApiRoles.Operator | ApiRoles.Admin)]
    public async Task<IResult> Open(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets")] HttpRequest req, CancellationToken cancellationToken)
    {
        var key = req.Headers["Idempotency-Key"].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return Problems.Invalid("Idempotency-Key", "invalid");
        }

        var read = await req.ReadJsonBodyAsync<TicketIntakeRequest>(AppJson.Options, null, HotlineHttp.MaxBodyBytes, cancellationToken);
        if (!read.IsValid)
        {
            return read.Problem;
        }

        var body = read.Value;

        var outcome = await tickets.OpenAsync(body!, key.Length == 0 ? null : key, HotlineHttp.ActorOf(req), cancellationToken);
        if (outcome.KeyReusedForAnotherBody)
        {
            return new Problem(422, "idempotency_key.reused", "Idempotency key reused.",
                "This Idempotency-Key was used for a different ticket; use a new key for a new ticket.");
        }

        if (outcome.Ticket is not { } ticket)
        {
            return Problems.Invalid(outcome.Errors);
        }

        return HotlineHttp.Json(req, StatusCodes.Status202Accepted,
            new { id = ticket.Id, number = ticket.Number.ToString(), status = WireNames<TicketStatus>.Of(ticket.Status), possibleDuplicateOf = ticket.PossibleDuplicateOf },
            ticket.Version, $"/api/tickets/{ticket.Id}");
    }

    [Function("HotlineGetTicket")]
    [ApiAccess(Readers)]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        if (!HotlineHttp.IsTicketId(id) || await tickets.GetAsync(id, cancellationToken) is not { } stored)
        {
            return HotlineHttp.TicketNotFound(id);
        }

        var actor = HotlineHttp.ActorOf(req);
        if (!TicketAccess.CanView(actor, stored.Ticket))
        {
            return Problems.Forbidden(TicketErrorCodes.NotYourUnit, "Handlers see only their own unit's tickets.");
        }

        var history = await tickets.GetHistoryAsync(id, cancellationToken);
        var view = TicketView.Of(stored.Ticket, history, TicketAccess.CanSeeFullPhone(actor, stored.Ticket), clock.GetUtcNow());
        return HotlineHttp.Json(req, StatusCodes.Status200OK, view, stored.Ticket.Version);
    }

    [Function("HotlineListTickets")]
    [ApiAccess(Readers)]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets")] HttpRequest req, CancellationToken cancellationToken)
    {
        var data = await reference.GetAsync(cancellationToken);
        var (query, errors) = TicketListQueryParser.Parse(req.Query, data);
        if (query is null)
        {
            return Problems.Invalid(errors);
        }

        var actor = HotlineHttp.ActorOf(req);
        if (actor.Roles == HotlineRole.Handler)
        {
            if (actor.UnitId is null || (query.UnitId is not null && query.UnitId != actor.UnitId))
            {
                return Problems.Forbidden(TicketErrorCodes.NotYourUnit, "Handlers list only their own unit's tickets.");
            }

            query = query with { UnitId = actor.UnitId };
        }

        var (items, continuation) = await index.ListAsync(query, clock.GetUtcNow(), cancellationToken);
        return HotlineHttp.Json(req, StatusCodes.Status200OK, new
        {
            items,
            continuationToken = TicketListQueryParser.EncodeToken(continuation),
        });
    }
}
