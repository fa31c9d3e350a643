using Gonghui.Functions.Http;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Services;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Nominations.Functions;

/// <summary>The body of PUT /api/nominations/campaigns/{id}: the campaign as it should be, and the nominations the change may invalidate.</summary>
public sealed record CampaignChangeRequest(Campaign? Campaign, IReadOnlyList<string>? AcknowledgedNominations = null);

/// <summary>
/// Award campaigns over HTTP for admins: create (a retry with the same campaign answers it), read (nominators too, to
/// see what a nomination needs), change under If-Match with the campaign change check (a change that would invalidate
/// nominations or go below taken places is refused, naming them, unless the nominations are acknowledged), the places
/// per region and level, and the campaign's figures.
/// </summary>
public sealed class CampaignFunctions(CampaignStore campaigns, CampaignAdministration administration, QuotaStore quotas, NominationStore nominations,
    ObjectionStore objections)
{
    private const string Campaigns = "nominations/campaigns";

    [Function("NominationsCreateCampaign")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaigns)] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<Campaign>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        var created = await administration.CreateAsync(body.Value, cancellationToken);
        var stored = await campaigns.GetAsync(body.Value.CampaignId, cancellationToken);
        if (created.IsValid) return JsonAnswers.Created($"/api/{Campaigns}/{body.Value.CampaignId}", stored!.ETag.ToString(), stored.Campaign);
        if (stored is not null && SameCampaign(stored.Campaign, body.Value))
            return JsonAnswers.WithETag(stored.ETag.ToString(), JsonAnswers.Json(stored.Campaign));
        return created.Errors.Any(e => e.Code == "duplicate_campaign")
            ? Problems.WithFields(409, "duplicate_campaign", "Conflict.", "Another campaign has this id; change it with PUT.", created.Errors)
            : Problems.Invalid(created.Errors);
    }

    [Function("NominationsGetCampaign")]
    [ApiAccess(ApiRoles.Admin | ApiRoles.Nominator)]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Campaigns + "/{campaignId}")] HttpRequest req,
        string campaignId, CancellationToken cancellationToken) =>
        await campaigns.GetAsync(campaignId, cancellationToken) is { } stored
            ? JsonAnswers.WithETag(stored.ETag.ToString(), JsonAnswers.Json(stored.Campaign))
            : CampaignNotFound(campaignId);

    [Function("NominationsChangeCampaign")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> Change([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Campaigns + "/{campaignId}")] HttpRequest req,
        string campaignId, CancellationToken cancellationToken)
    {
        if (req.Headers.IfMatch.ToString() is not { Length: > 0 } ifMatch) return NominationsHttp.IfMatchRequired();
        var body = await req.ReadJsonBodyAsync<CampaignChangeRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (body.Value.Campaign is not { } proposed) return Problems.Invalid("campaign", "required", "请提供活动内容。");
        if (proposed.CampaignId != campaignId) return Problems.Invalid("campaign.campaignId", "campaign_id_mismatch", "路径与正文中的活动编号不一致。");
        var result = await administration.ChangeAsync(proposed, new Azure.ETag(ifMatch), body.Value.AcknowledgedNominations ?? [], cancellationToken);
        switch (result.Outcome)
        {
            case CampaignChangeOutcome.Changed:
                var stored = (await campaigns.GetAsync(campaignId, cancellationToken))!;
                return JsonAnswers.WithETag(stored.ETag.ToString(), JsonAnswers.Json(stored.Campaign));
            case CampaignChangeOutcome.Invalid:
                return Problems.Invalid(result.Errors);
            case CampaignChangeOutcome.NotFound:
                return CampaignNotFound(campaignId);
            case CampaignChangeOutcome.Conflict:
                return NominationsHttp.Stale();
            default:
                var impact = result.Impact!;
                var reasons = impact.Nominations.SelectMany(n => n.Reasons.Select(r => r with { Field = $"nominations.{n.NominationId}.{r.Field}" }))
                    .Concat(impact.Quotas.Select(q => new FieldError($"quotas.{WireNames<ReviewLevel>.Of(q.Level)}.{q.RegionCode}",
                        "below_places_taken", $"已占用 {q.Used} 个名额，不能设为 {q.ProposedPlaces}。")))
                    .ToList();
                return Problems.WithFields(409, "change_invalidates_nominations", "Conflict.",
                    "The change would invalidate these nominations or go below places taken. Nothing was changed; acknowledge the nominations " +
                    "(acknowledgedNominations) to change it anyway, never below places taken.", reasons);
        }
    }

    [Function("NominationsCampaignQuotas")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> Quotas([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Campaigns + "/{campaignId}/quotas")] HttpRequest req,
        string campaignId, CancellationToken cancellationToken)
    {
        if (await campaigns.GetAsync(campaignId, cancellationToken) is null) return CampaignNotFound(campaignId);
        return JsonAnswers.Json(QuotaUse.Of(await quotas.ListAsync(campaignId, cancellationToken)));
    }

    [Function("NominationsCampaignFigures")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> Figures([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Campaigns + "/{campaignId}/figures")] HttpRequest req,
        string campaignId, CancellationToken cancellationToken) =>
        await campaigns.GetAsync(campaignId, cancellationToken) is { } stored
            ? JsonAnswers.Json(await CampaignFigures.ReadAsync(stored.Campaign, nominations, quotas, objections, cancellationToken))
            : CampaignNotFound(campaignId);

    public static Problem CampaignNotFound(string campaignId) => Problems.NotFound($"No campaign {campaignId}.", "campaign_not_found");

    private static bool SameCampaign(Campaign a, Campaign b) =>
        AppJson.Serialize(a) == AppJson.Serialize(b);
}
