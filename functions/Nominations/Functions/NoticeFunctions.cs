using Gonghui.Functions.Http;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Services.Notice;
using Gonghui.Functions.Nominations.Services.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Gonghui.Functions.Nominations.Functions;

/// <summary>The body of POST …/notice: who approves the final list, when not the configured committee.</summary>
public sealed record PublishNoticeRequest(string? CommitteeName, string? CommitteeEmail);

/// <summary>The body of POST …/objections/{reference}/settlement: <c>upheld</c> or <c>dismissed</c>, and the finding.</summary>
public sealed record SettleObjectionRequest(string? Outcome, string? Finding);

/// <summary>The notice as the admin API answers it.</summary>
public sealed record NoticeView(PublicNotice Notice, string PageUrl, IReadOnlyList<PublicNoticeEntry> Entries, IReadOnlyList<ObjectionView> Objections);

/// <summary>
/// The public notice for admins: publish the province's list (refused with <c>reviews_open</c>, <c>empty_list</c> or
/// <c>quota_mix_not_met</c> naming each rule's shortfall; a repeat answers the notice), read it, list the objections
/// (contacts masked), read one with its contact for the investigation, and settle one (upheld or dismissed, with a finding).
/// </summary>
public sealed class NoticeFunctions(CampaignStore campaigns, PublicNoticeStore notices, NominationStore nominations, ObjectionStore objections,
    NoticePublication publication, ObjectionSettlement settlement, NominationReviewSettings reviewSettings)
{
    private const string Campaign = "nominations/campaigns/{campaignId}";

    [Function("NominationsPublishNotice")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> Publish([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaign + "/notice")] HttpRequest req,
        string campaignId, [DurableClient] DurableTaskClient durable)
    {
        var cancellationToken = req.HttpContext.RequestAborted;
        var body = new PublishNoticeRequest(null, null);
        if (req.HasJsonContentType())
        {
            var read = await req.ReadJsonBodyAsync<PublishNoticeRequest>(cancellationToken);
            if (!read.IsValid) return read.Problem;
            body = read.Value;
        }
        if (body.CommitteeEmail is { } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            return Problems.Invalid("committeeEmail", "invalid_email", "请填写有效的电子邮箱。");
        if (await campaigns.GetAsync(campaignId, cancellationToken) is not { } stored) return CampaignFunctions.CampaignNotFound(campaignId);
        var caller = req.HttpContext.GetApiCaller()!;
        var result = await publication.PublishAsync(stored.Campaign, caller.Name, body.CommitteeName, body.CommitteeEmail, durable, cancellationToken);
        if (result.Refused is { Refusal: { } refusal } refused)
        {
            var shortfalls = refused.Shortfalls.ToDictionary(s => $"mixRules.{s.Rule.Name}", s => new[] { $"{PublicNoticeEligibility.QuotaMixNotMet}: {s.Message}" });
            return new Problem(409, refusal.Code, "Conflict.", refusal.Message, shortfalls.Count > 0 ? shortfalls : null);
        }
        var view = await ViewAsync(campaignId, cancellationToken);
        return result.Created
            ? new WithHeadersResult(JsonAnswers.Json(view!, StatusCodes.Status201Created), ("Location", $"/api/nominations/campaigns/{campaignId}/notice"))
            : JsonAnswers.Json(view!);
    }

    [Function("NominationsGetNotice")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Campaign + "/notice")] HttpRequest req, string campaignId,
        CancellationToken cancellationToken) =>
        await ViewAsync(campaignId, cancellationToken) is { } view ? JsonAnswers.Json(view) : NoticeNotFound(campaignId);

    [Function("NominationsListObjections")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Campaign + "/objections")] HttpRequest req,
        string campaignId, CancellationToken cancellationToken) =>
        JsonAnswers.Json((await objections.ListAsync(campaignId, cancellationToken)).OrderBy(o => o.FiledAt).Select(o => ObjectionView.Of(o)).ToList());

    [Function("NominationsGetObjection")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> GetObjection([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Campaign + "/objections/{reference}")] HttpRequest req,
        string campaignId, string reference, CancellationToken cancellationToken) =>
        await objections.GetAsync(campaignId, reference, cancellationToken) is { } objection
            ? JsonAnswers.Json(ObjectionView.Of(objection, withContact: true))
            : ObjectionNotFound(reference);

    [Function("NominationsSettleObjection")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> Settle(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Campaign + "/objections/{reference}/settlement")] HttpRequest req,
        string campaignId, string reference, [DurableClient] DurableTaskClient durable)
    {
        var cancellationToken = req.HttpContext.RequestAborted;
        var body = await req.ReadJsonBodyAsync<SettleObjectionRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (!WireNames<ObjectionStatus>.TryParse(body.Value.Outcome, out var outcome) || outcome == ObjectionStatus.Investigating)
            return Problems.Invalid("outcome", "invalid_outcome", "请选择 upheld（异议成立）或 dismissed（异议不成立）。");
        var caller = req.HttpContext.GetApiCaller()!;
        var settled = await settlement.SettleAsync(campaignId, reference, outcome == ObjectionStatus.Upheld, body.Value.Finding, caller.KeyId, caller.Name,
            durable, cancellationToken);
        return settled switch
        {
            null => ObjectionNotFound(reference),
            (_, { Code: Objection.FindingRequired } refusal) => Problems.Invalid("finding", refusal.Code, refusal.Message),
            (_, { } refusal) => Problems.Conflict(refusal.Code, refusal.Message),
            var (objection, _) => JsonAnswers.Json(ObjectionView.Of(objection)),
        };
    }

    private async Task<NoticeView?> ViewAsync(string campaignId, CancellationToken cancellationToken) =>
        await NoticeBoard.ReadAsync(campaignId, campaigns, notices, nominations, objections, cancellationToken) is { } board
            ? new NoticeView(board.Notice, reviewSettings.PublicBaseUrl + PublicNoticeSettings.PagePath(campaignId), board.Entries,
                [.. board.Objections.OrderBy(o => o.FiledAt).Select(o => ObjectionView.Of(o))])
            : null;

    private static Problem NoticeNotFound(string campaignId) => Problems.NotFound($"Campaign {campaignId} has no public notice.", "notice_not_found");

    private static Problem ObjectionNotFound(string reference) => Problems.NotFound($"No objection {reference}.", "objection_not_found");
}
