using Gonghui.Functions.Hotline;
using Microsoft.Azure.Functions.Worker;
using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Services;

namespace Gonghui.Functions.Relief.Functions;

/// <summary>
/// <c>POST /api/tickets/{id}/relief</c>: a hardship ticket opens a relief application, the caller's name, phone,
/// region, employer and member id carried over from the ticket unless the body gives them. One application per
/// ticket: repeating the call answers with the same application.
/// </summary>
public sealed class ReliefFromTicketFunction(TicketStore tickets, ReliefSubmissions submissions)
{
    [Function("ReliefOpenFromTicket")]
    [ApiAccess(ApiRoles.Operator | ApiRoles.Handler)]
    public async Task<IResult> Open(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/relief")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<ReliefApplicationRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        var stored = HotlineHttp.IsTicketId(id) ? await tickets.GetAsync(id, cancellationToken) : null;
        if (stored is null || !TicketAccess.CanView(HotlineHttp.ActorOf(req), stored.Ticket)) return HotlineHttp.TicketNotFound(id);
        var ticket = stored.Ticket;
        if (ticket.Intake.Category != TicketCategory.Hardship)
            return Problems.Conflict("ticket.not_hardship", "Only a hardship (困难帮扶) ticket can open a relief application.");

        var caller = req.HttpContext.GetApiCaller()!;
        if (caller.IsOutsideRegion(ticket.Intake.RegionCode))
            return Problems.Forbidden("outside_region", $"This key may submit applications of region {caller.Region} only.");
        var submitted = await submissions.SubmitAsync(CarryOver(body.Value, ticket),
            ReliefApplicationFunctions.Actor(caller), ApplicationIdFor(ticket), client, cancellationToken);
        if (!submitted.IsValid) return ReliefApplicationFunctions.ValidationProblem(submitted.Errors);
        return ReliefApplicationFunctions.Accepted(req, submitted.Value!.ApplicationId);
    }

    public static string ApplicationIdFor(Ticket ticket) => "rel-t-" + ticket.Id;

    private static ReliefApplicationRequest CarryOver(ReliefApplicationRequest request, Ticket ticket)
    {
        var applicant = request.Applicant ?? new ApplicantRequest();
        return request with
        {
            Applicant = applicant with
            {
                Name = applicant.Name ?? ticket.Intake.CallerName,
                Phone = applicant.Phone ?? ticket.Intake.Phone.Normalized,
                RegionCode = applicant.RegionCode ?? ticket.Intake.RegionCode,
                Employer = applicant.Employer ?? ticket.Intake.Employer,
                MemberId = applicant.MemberId ?? ticket.Intake.MemberId,
            },
            SourceTicketId = ticket.Id,
        };
    }
}
