using System.Security.Cryptography;
using System.Text;
using Gonghui.Functions.Http;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Services;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Nominations.Stores.Materials;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Gonghui.Functions.Nominations.Functions;

/// <summary>The body of POST …/resubmit: the revised nomination (else the stored one) and a note for the reviewers.</summary>
public sealed record ResubmitRequest(NominationRequest? Nomination = null, string? Comment = null);

/// <summary>
/// Nominations over HTTP for the nominating union (role <c>nominator</c>, its key's unit the union and region its
/// county) and admins (read only): drafts (create, change under If-Match, read, list), submit (everything checked at
/// once; starts the review), resubmit after a return, and the materials: upload (raw bytes or multipart, checked by
/// content) and download through the app or a short-lived read-only link. Another union's nominations look absent.
/// </summary>
public sealed class NominationFunctions(CampaignStore campaigns, NominationStore nominations, NominationSubmissions submissions,
    MaterialStore materials, TimeProvider clock)
{
    private const string Nominations = "nominations/campaigns/{campaignId}/nominations";
    private const ApiRoles Readers = ApiRoles.Nominator | ApiRoles.Admin;

    [Function("NominationsCreateDraft")]
    [ApiAccess(ApiRoles.Nominator)]
    public async Task<IResult> CreateDraft([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Nominations)] HttpRequest req,
        string campaignId, CancellationToken cancellationToken)
    {
        if (Union(req) is not { } union) return UnscopedKey();
        if (await campaigns.GetAsync(campaignId, cancellationToken) is not { } campaign) return CampaignFunctions.CampaignNotFound(campaignId);
        var body = await req.ReadJsonBodyAsync<NominationRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        var now = clock.GetUtcNow();
        if (NominationValidator.ValidateDraft(body.Value, campaign.Campaign, now) is { Count: > 0 } errors) return Problems.Invalid(errors);
        var caller = req.HttpContext.GetApiCaller()!;
        var idempotencyKey = req.Headers["Idempotency-Key"].ToString();
        var draft = new StoredNomination
        {
            CampaignId = campaignId,
            NominationId = idempotencyKey.Length is > 0 and <= 200 ? IdFor(caller.KeyId, idempotencyKey) : NewId(),
            UnionId = union.UnionId,
            CountyCode = union.CountyCode,
            CreatedById = caller.KeyId,
            CreatedByName = caller.Name,
            CreatedAt = now,
            Status = NominationStatus.Draft,
            Content = body.Value,
        };
        var created = await nominations.CreateDraftAsync(draft, cancellationToken);
        // The same Idempotency-Key again is a retry: it answers the nomination it made.
        var stored = await nominations.GetAsync(campaignId, draft.NominationId, cancellationToken);
        if (stored is null || stored.UnionId != union.UnionId) return NotFound(draft.NominationId);
        var view = NominationView.From(stored);
        return created
            ? JsonAnswers.Created($"/api/nominations/campaigns/{campaignId}/nominations/{stored.NominationId}", stored.ETag.ToString(), view)
            : JsonAnswers.WithETag(stored.ETag.ToString(), JsonAnswers.Json(view));
    }

    [Function("NominationsList")]
    [ApiAccess(Readers)]
    public async Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Nominations)] HttpRequest req,
        string campaignId, CancellationToken cancellationToken)
    {
        var caller = req.HttpContext.GetApiCaller()!;
        if (caller.Role != ApiRoles.Admin && Union(req) is null) return UnscopedKey();
        return JsonAnswers.Json(await nominations.ListAsync(campaignId, caller.Role == ApiRoles.Admin ? null : caller.Unit, cancellationToken));
    }

    [Function("NominationsGet")]
    [ApiAccess(Readers)]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Nominations + "/{nominationId}")] HttpRequest req,
        string campaignId, string nominationId, CancellationToken cancellationToken) =>
        await FindAsync(req, campaignId, nominationId, cancellationToken) is { } nomination
            ? JsonAnswers.WithETag(nomination.ETag.ToString(), JsonAnswers.Json(NominationView.From(nomination)))
            : NotFound(nominationId);

    [Function("NominationsSaveDraft")]
    [ApiAccess(ApiRoles.Nominator)]
    public async Task<IResult> SaveDraft([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Nominations + "/{nominationId}")] HttpRequest req,
        string campaignId, string nominationId, CancellationToken cancellationToken)
    {
        if (req.Headers.IfMatch.ToString() is not { Length: > 0 } ifMatch) return NominationsHttp.IfMatchRequired();
        var body = await req.ReadJsonBodyAsync<NominationRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (await FindAsync(req, campaignId, nominationId, cancellationToken) is not { } known) return NotFound(nominationId);
        if (known.Status != NominationStatus.Draft)
            return Problems.Conflict("not_a_draft", "Only a draft is changed this way; a returned nomination is revised with POST …/resubmit.");
        var campaign = (await campaigns.GetAsync(campaignId, cancellationToken))!.Campaign;
        var content = KeepingNationalId(body.Value, known.Content);
        if (NominationValidator.ValidateDraft(content, campaign, clock.GetUtcNow()) is { Count: > 0 } errors) return Problems.Invalid(errors);
        var written = await nominations.SaveDraftAsync(known with { ETag = new Azure.ETag(ifMatch) }, content, cancellationToken);
        if (written.Outcome != NominationWriteOutcome.Written) return NominationsHttp.Stale();
        var saved = (await nominations.GetAsync(campaignId, nominationId, cancellationToken))!;
        return JsonAnswers.WithETag(saved.ETag.ToString(), JsonAnswers.Json(NominationView.From(saved)));
    }

    /// <summary>Submits the stored draft: 202 and the review starts; 400 with every problem at once; 409 duplicate_nominee. A retry answers 202 again.</summary>
    [Function("NominationsSubmit")]
    [ApiAccess(ApiRoles.Nominator)]
    public async Task<IResult> Submit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Nominations + "/{nominationId}/submit")] HttpRequest req,
        string campaignId, string nominationId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await FindAsync(req, campaignId, nominationId, cancellationToken) is not { } known) return NotFound(nominationId);
        var campaign = (await campaigns.GetAsync(campaignId, cancellationToken))!.Campaign;
        var result = await submissions.SubmitAsync(known, campaign, Actor(req), durable, cancellationToken);
        return await AnswerAsync(req, result, campaignId, nominationId, cancellationToken);
    }

    [Function("NominationsResubmit")]
    [ApiAccess(ApiRoles.Nominator)]
    public async Task<IResult> Resubmit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Nominations + "/{nominationId}/resubmit")] HttpRequest req,
        string campaignId, string nominationId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<ResubmitRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (await FindAsync(req, campaignId, nominationId, cancellationToken) is not { } known) return NotFound(nominationId);
        if (req.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && new Azure.ETag(ifMatch) != known.ETag) return NominationsHttp.Stale();
        var campaign = (await campaigns.GetAsync(campaignId, cancellationToken))!.Campaign;
        var content = body.Value.Nomination is { } revised ? KeepingNationalId(revised, known.Content) : null;
        var result = await submissions.ResubmitAsync(known, content, campaign, Actor(req), body.Value.Comment, durable, cancellationToken);
        return await AnswerAsync(req, result, campaignId, nominationId, cancellationToken);
    }

    /// <summary>A material as the request body (any type; checked by content) or as the multipart field <c>file</c>: 201 with its SHA-256.</summary>
    [Function("NominationsUploadMaterial")]
    [ApiAccess(ApiRoles.Nominator)]
    public async Task<IResult> UploadMaterial([HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", Route = "nominations/materials")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        if (Union(req) is null) return UnscopedKey();
        Stream content = req.Body;
        // Only multipart is a form here: curl --data-binary labels raw bytes application/x-www-form-urlencoded.
        if (req.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = await req.ReadFormAsync(cancellationToken);
            if ((form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)) is not { } file)
                return Problems.Invalid([new FieldError("file", "required", "请选择要上传的文件。")]);
            content = file.OpenReadStream();
        }
        var uploaded = await materials.UploadAsync(content, "file", cancellationToken);
        if (!uploaded.IsValid)
            return uploaded.Errors[0].Code == MaterialStore.TooLarge
                ? Problems.WithFields(StatusCodes.Status413PayloadTooLarge, MaterialStore.TooLarge, "Request too large.", "The material is over the size limit.", uploaded.Errors)
                : Problems.Invalid(uploaded.Errors);
        var stored = uploaded.Value!;
        return JsonAnswers.Json(new { sha256 = stored.Sha256, contentType = stored.Format.ContentType(), size = stored.Size },
            stored.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>One of the nomination's materials, streamed; <c>?access=link</c> answers a read-only link valid for minutes instead.</summary>
    [Function("NominationsGetMaterial")]
    [ApiAccess(Readers)]
    public async Task<IResult> GetMaterial(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Nominations + "/{nominationId}/materials/{sha256}")] HttpRequest req,
        string campaignId, string nominationId, string sha256, CancellationToken cancellationToken)
    {
        var nomination = await FindAsync(req, campaignId, nominationId, cancellationToken);
        if (req.Query["access"].ToString() != "link") return await MaterialOfAsync(nomination, sha256, materials, cancellationToken);
        if (!References(nomination, sha256) || await materials.GetAsync(sha256, cancellationToken) is null) return MaterialNotFound();
        var url = await materials.CreateReadUriAsync(sha256, cancellationToken);
        return new WithHeadersResult(JsonAnswers.Json(new { url }), ("Cache-Control", "no-store"));
    }

    /// <summary>Streams a material the nomination refers to; 404 for anything else (a hash is no credential).</summary>
    public static async Task<IResult> MaterialOfAsync(StoredNomination? nomination, string sha256, MaterialStore materials, CancellationToken cancellationToken)
    {
        if (!References(nomination, sha256) || await materials.OpenReadAsync(sha256, cancellationToken) is not { } found) return MaterialNotFound();
        return new WithHeadersResult(Results.Stream(found.Content, found.Material.Format.ContentType()), ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"));
    }

    private static bool References(StoredNomination? nomination, string sha256) =>
        nomination is not null && MaterialReferences.Of(nomination.Content).Any(reference => reference.Material.Sha256 == sha256);

    private static Problem MaterialNotFound() => Problems.NotFound("No such material of this nomination.", MaterialStore.NotFound);

    private async Task<IResult> AnswerAsync(HttpRequest req, SubmissionResult result, string campaignId, string nominationId, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case SubmissionOutcome.Submitted:
                var submitted = (await nominations.GetAsync(campaignId, nominationId, cancellationToken))!;
                var location = $"/api/nominations/campaigns/{campaignId}/nominations/{nominationId}";
                return new WithHeadersResult(JsonAnswers.Json(NominationView.From(submitted), StatusCodes.Status202Accepted),
                    ("Location", location), ("ETag", submitted.ETag.ToString()));
            case SubmissionOutcome.Invalid:
                return Problems.Invalid(result.Errors);
            case SubmissionOutcome.DuplicateNominee:
                return Problems.WithFields(StatusCodes.Status409Conflict, "duplicate_nominee", "Conflict.",
                    "This person is nominated in this campaign already; nothing was stored.", result.Errors);
            case SubmissionOutcome.Refused:
                return Problems.Conflict(result.Refusal!.Code, result.Refusal.Message);
            default:
                return NominationsHttp.Stale();
        }
    }

    /// <summary>The nomination if the caller may see it: an admin every one, a nominator its union's.</summary>
    private async Task<StoredNomination?> FindAsync(HttpRequest req, string campaignId, string nominationId, CancellationToken cancellationToken)
    {
        var caller = req.HttpContext.GetApiCaller()!;
        var nomination = await nominations.GetAsync(campaignId, nominationId, cancellationToken);
        return nomination is not null && (caller.Role == ApiRoles.Admin || (Union(req) is { } union && union.UnionId == nomination.UnionId)) ? nomination : null;
    }

    /// <summary>The nominator key's union and county, or null when the key is not scoped to both.</summary>
    private static (string UnionId, string CountyCode)? Union(HttpRequest req) =>
        req.HttpContext.GetApiCaller() is { Role: ApiRoles.Nominator, Unit: { } unit, Region: { } region } && ReviewLevels.LevelOf(region) == ReviewLevel.County
            ? (unit, region)
            : null;

    private static NominationActor Actor(HttpRequest req)
    {
        var caller = req.HttpContext.GetApiCaller()!;
        return new NominationActor(caller.KeyId, caller.Name);
    }

    /// <summary>A masked national ID sent back as read means "unchanged": the stored one is kept.</summary>
    private static NominationRequest KeepingNationalId(NominationRequest content, NominationRequest stored) =>
        content.Nominee is { NationalId: { } sent } nominee && stored.Nominee?.NationalId is { } known && sent == NationalId.Mask(known)
            ? content with { Nominee = nominee with { NationalId = known } }
            : content;

    private static Problem UnscopedKey() =>
        Problems.Forbidden("nominator_key_unscoped", "A nominator key needs its union as unit and the union's county code as region.");

    private static Problem NotFound(string nominationId) => Problems.NotFound($"No nomination {nominationId} of yours.", "nomination_not_found");

    private static string IdFor(string callerId, string idempotencyKey) =>
        "nom-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{callerId}\n{idempotencyKey}")))[..16];

    private static string NewId() => "nom-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
