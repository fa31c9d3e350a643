using Gonghui.Functions.Http;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Registry.Functions;

/// <summary>The body of PUT /api/registry/records/{id}: the record as it should be, and why it changed.</summary>
public sealed record RegistryUpdateRequest(RegistryRecordInput? Record, string? Reason);

/// <summary>
/// The model-worker registry over HTTP, for registry staff (limited to their key's region) and admins (every record):
/// search, read with history, create, update under If-Match, change status, reveal a full national ID (recorded),
/// import the CSV template (with a dry run) and export to CSV. Each <see cref="RegistryOutcome"/> is one status
/// (<see cref="RegistryHttp"/>).
/// </summary>
public sealed class RegistryFunctions(RegistryService registry)
{
    private const ApiRoles Staff = ApiRoles.Registry | ApiRoles.Admin;
    private const string Records = "registry/records";

    [Function("RegistrySearch")]
    [ApiAccess(Staff)]
    public async Task<IResult> Search([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Records)] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var query = RegistryHttp.SearchQuery(req, registry.Awards);
        if (!query.IsValid) return Problems.Invalid(query.Errors);
        return RegistryHttp.Answer(await registry.SearchAsync(RegistryHttp.Caller(req), query.Value!, cancellationToken),
            page => JsonAnswers.Json(new { items = page.Items, continuationToken = page.Next?.ToToken() }));
    }

    [Function("RegistryGetRecord")]
    [ApiAccess(Staff)]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Records + "/{id}")] HttpRequest req, string id,
        CancellationToken cancellationToken) =>
        RegistryHttp.Answer(await registry.GetAsync(RegistryHttp.Caller(req), id, cancellationToken),
            found => JsonAnswers.WithETag(found.Record.ETag, JsonAnswers.Json(found)));

    [Function("RegistryCreateRecord")]
    [ApiAccess(Staff)]
    public async Task<IResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Records)] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<RegistryRecordInput>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        // The same create again is a retry: it answers the record with 200.
        var result = await registry.CreateAsync(RegistryHttp.Caller(req), body.Value, cancellationToken);
        return RegistryHttp.Answer(result, record => result.Outcome == RegistryOutcome.Created
            ? JsonAnswers.Created($"/api/{Records}/{record.Id}", record.ETag, record)
            : JsonAnswers.WithETag(record.ETag, JsonAnswers.Json(record)));
    }

    [Function("RegistryUpdateRecord")]
    [ApiAccess(Staff)]
    public async Task<IResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Records + "/{id}")] HttpRequest req, string id,
        CancellationToken cancellationToken)
    {
        if (req.Headers.IfMatch.ToString() is not { Length: > 0 } ifMatch)
            return RegistryHttp.IfMatchRequired();
        var body = await req.ReadJsonBodyAsync<RegistryUpdateRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (body.Value.Record is not { } record)
            return Problems.Invalid([new FieldError("record", RegistryErrorCodes.Required)]);
        return RegistryHttp.Answer(await registry.UpdateAsync(RegistryHttp.Caller(req), id, ifMatch, record, body.Value.Reason, cancellationToken),
            updated => JsonAnswers.WithETag(updated.ETag, JsonAnswers.Json(updated)));
    }

    [Function("RegistryChangeStatus")]
    [ApiAccess(Staff)]
    public async Task<IResult> ChangeStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Records + "/{id}/status")] HttpRequest req, string id,
        CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<StatusChangeInput>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        var ifMatch = req.Headers.IfMatch.ToString() is { Length: > 0 } given ? given : null;
        return RegistryHttp.Answer(await registry.ChangeStatusAsync(RegistryHttp.Caller(req), id, ifMatch, body.Value, cancellationToken),
            changed => JsonAnswers.WithETag(changed.ETag, JsonAnswers.Json(changed)));
    }

    /// <summary>The full national ID, recorded first under the request's Idempotency-Key (a retry is the same reveal) or a new id.</summary>
    [Function("RegistryRevealNationalId")]
    [ApiAccess(Staff)]
    public async Task<IResult> Reveal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Records + "/{id}/reveal")] HttpRequest req, string id,
        CancellationToken cancellationToken)
    {
        var revealId = req.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : Guid.NewGuid().ToString("N");
        return RegistryHttp.Answer(await registry.RevealAsync(RegistryHttp.Caller(req), id, revealId, cancellationToken),
            revealed => RegistryHttp.NoStore(JsonAnswers.Json(revealed)));
    }

    /// <summary>The CSV template as the request body; <c>dryRun=true</c> checks it and writes nothing; <c>fileName</c> names it in history.</summary>
    [Function("RegistryImport")]
    [ApiAccess(Staff)]
    public async Task<IResult> Import([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registry/import")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var dryRun = req.Query["dryRun"].ToString();
        if (dryRun is not ("" or "true" or "false"))
            return Problems.Invalid([new FieldError("dryRun", RegistryErrorCodes.InvalidCharacters)]);
        var fileName = req.Query["fileName"].ToString() is { Length: > 0 } named ? named : "upload.csv";
        return RegistryHttp.Answer(await registry.ImportAsync(RegistryHttp.Caller(req), req.Body, fileName, dryRun == "true", cancellationToken),
            report => JsonAnswers.Json(report));
    }

    /// <summary>The records a search finds as CSV (UTF-8 with BOM); <c>fullIds=true</c> (admins only) records a reveal of every one.</summary>
    [Function("RegistryExport")]
    [ApiAccess(Staff)]
    public async Task<IResult> Export([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registry/export")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var query = RegistryHttp.SearchQuery(req, registry.Awards);
        if (!query.IsValid) return Problems.Invalid(query.Errors);
        var fullIds = req.Query["fullIds"].ToString() == "true";
        var csv = new MemoryStream();
        var exported = await registry.ExportAsync(RegistryHttp.Caller(req), query.Value!, fullIds, Guid.NewGuid().ToString("N"), csv, cancellationToken);
        return RegistryHttp.Answer(exported, _ => RegistryHttp.CsvDownload(csv.ToArray()));
    }
}
