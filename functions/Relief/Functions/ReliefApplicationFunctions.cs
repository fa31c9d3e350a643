using Gonghui.Functions.Json;
using Gonghui.Functions.Validation;
using Microsoft.DurableTask.Client;
using Microsoft.Azure.Functions.Worker;
using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Functions.Approval;
using Gonghui.Functions.Relief.Services;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief.Functions;

/// <summary>The body of withdraw (reason) and resubmit (comment).</summary>
public sealed record ReliefActionRequest
{
    public string? Comment { get; init; }
}

/// <summary>Submit, read, withdraw and resubmit relief applications (operators and handlers; supervisors and admins read).</summary>
public sealed class ReliefApplicationFunctions(ReliefSubmissions submissions, ApplicationStore applications, PaymentStore payments,
    TimeProvider clock)
{
    private const ApiRoles Staff = ApiRoles.Operator | ApiRoles.Handler;

    [Function("ReliefSubmitApplication")]
    [ApiAccess(Staff)]
    public async Task<IResult> Submit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "relief/applications")] HttpRequest req,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<ReliefApplicationRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        var caller = req.HttpContext.GetApiCaller()!;
        var idempotencyKey = req.Headers["Idempotency-Key"].ToString();
        var id = idempotencyKey.Length is > 0 and <= 200 ? ReliefSubmissions.IdFor(caller.KeyId, idempotencyKey) : null;
        if (body.Value.Applicant?.RegionCode is { } region && caller.IsOutsideRegion(region))
            return Problems.Forbidden("outside_region", $"This key may submit applications of region {caller.Region} only.");
        var submitted = await submissions.SubmitAsync(body.Value, Actor(caller), id, client, cancellationToken);
        if (!submitted.IsValid) return ValidationProblem(submitted.Errors);
        return Accepted(req, submitted.Value!.ApplicationId);
    }

    [Function("ReliefGetApplication")]
    [ApiAccess(Staff | ApiRoles.Supervisor | ApiRoles.Admin)]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "relief/applications/{id}")] HttpRequest req,
        string id, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(id, cancellationToken);
        if (application is null || !MaySee(req, application)) return Problems.NotFound($"No relief application {id}.", "relief.application_not_found");
        var payment = application.State?.PaymentId is { } paymentId ? await payments.GetAsync(paymentId, cancellationToken) : null;
        return Results.Json(ReliefApplicationView.From(application, payment), AppJson.Options);
    }

    [Function("ReliefWithdrawApplication")]
    [ApiAccess(Staff)]
    public Task<IResult> Withdraw([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "relief/applications/{id}/withdraw")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ActAsync(req, id, ReliefActionKind.Withdraw, client, cancellationToken);

    [Function("ReliefResubmitApplication")]
    [ApiAccess(Staff)]
    public Task<IResult> Resubmit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "relief/applications/{id}/resubmit")] HttpRequest req,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ActAsync(req, id, ReliefActionKind.Resubmit, client, cancellationToken);

    /// <summary>Checks the action against the saved state (a refusal is a 409 with the workflow's code), then raises it.</summary>
    private async Task<IResult> ActAsync(HttpRequest req, string id, ReliefActionKind kind, DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ReliefActionRequest? request = null;
        if (req.ContentLength is > 0 || req.Headers.TransferEncoding.Count > 0)
        {
            var body = await req.ReadJsonBodyAsync<ReliefActionRequest>(cancellationToken);
            if (!body.IsValid) return body.Problem;
            request = body.Value;
        }
        var application = await applications.GetAsync(id, cancellationToken);
        if (application?.State is not { } state || !MaySee(req, application)) return Problems.NotFound($"No relief application {id} (or it is still being checked).", "relief.application_not_found");
        var caller = req.HttpContext.GetApiCaller()!;
        var action = new ReliefAction(kind, caller.KeyId, caller.Name, request?.Comment, clock.GetUtcNow());
        var step = kind == ReliefActionKind.Withdraw
            ? ReliefApprovalWorkflow.Withdraw(state, action.ActorId, action.ActorName, action.Comment, action.At)
            : ReliefApprovalWorkflow.Resubmit(state, action.ActorId, action.ActorName, action.Comment, action.At);
        if (step.Refusal is { } refusal) return Problems.Conflict("relief." + refusal.Code, refusal.Message);
        await durable.RaiseEventAsync(id, ReliefApprovalOrchestration.ActionEvent, action, cancellationToken);
        return Accepted(req, id);
    }

    /// <summary>Unit- and region-scoped keys see their own applications only (others look absent).</summary>
    private static bool MaySee(HttpRequest req, StoredApplication application) =>
        req.HttpContext.GetApiCaller() is { } caller && !caller.IsOutsideUnit(application.Unit)
        && !caller.IsOutsideRegion(application.Details.Applicant.RegionCode);

    internal static ReliefActor Actor(ApiCaller caller) => new(caller.KeyId, caller.Name, caller.Unit ?? caller.Name);

    internal static IResult Accepted(HttpRequest req, string applicationId)
    {
        var statusUrl = $"{req.Scheme}://{req.Host}/api/relief/applications/{applicationId}";
        return new WithHeadersResult(Results.Json(new { applicationId, statusUrl }, AppJson.Options, statusCode: StatusCodes.Status202Accepted),
            ("Location", statusUrl));
    }

    internal static Problem ValidationProblem(IReadOnlyList<FieldError> errors) =>
        Problems.Invalid(errors);
}
