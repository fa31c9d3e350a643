using Gonghui.Functions.Http;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Services.Notice;
using Gonghui.Functions.Nominations.Services.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Nominations.Functions;

/// <summary>
/// The public notice page, <c>GET /api/notice/{campaignId}</c>, anyone, no sign-in: the list, its period and how to
/// object, served from <see cref="PublicNoticePageCache"/> with an ETag (If-None-Match answers 304). <c>POST</c> files an
/// objection from its form against the notice as stored now: refused when cross-site or without the form token of a
/// page this app served (an expired token gets the form back with what was typed and a fresh token), answered with a
/// page holding the reference number, or 429 with a friendly page once the client's address or the contact reached
/// its limit. Pages are served like the approval pages (no scripts, strict CSP, same-origin referrer).
/// </summary>
public sealed class PublicNoticeFunction(CampaignStore campaigns, PublicNoticeStore notices, NominationStore nominations, ObjectionStore objections,
    PublicNoticePageCache pages, ObjectionFormTokens tokens, ObjectionFiling filing, PublicNoticeSettings settings, NominationReviewSettings reviewSettings,
    TimeProvider clock, ILogger<PublicNoticeFunction> logger)
{
    [Function("NominationsPublicNotice")]
    [PublicAccess]
    public async Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "notice/{campaignId}")] HttpRequest req,
        string campaignId)
    {
        var cancellationToken = req.HttpContext.RequestAborted;
        if (!HttpMethods.IsPost(req.Method))
        {
            return await pages.GetAsync(campaignId, cancellationToken) is { } page
                ? new HtmlPage(StatusCodes.Status200OK, page.Html, page.ETag)
                : new HtmlPage(StatusCodes.Status404NotFound, NoticePages.NotFound());
        }
        var path = PublicNoticeSettings.PagePath(campaignId);
        var now = clock.GetUtcNow();
        if (await CrossSiteRequest.ReadSameSiteFormAsync(req, reviewSettings.PublicBaseUrl, cancellationToken) is not { } form)
        {
            logger.LogWarning("Cross-site or malformed objection POST to the notice of {CampaignId} refused", campaignId);
            return new HtmlPage(StatusCodes.Status403Forbidden, NoticePages.CrossSite(path));
        }
        var token = tokens.Check(campaignId, form[ObjectionFormTokens.Field], now);
        if (token == ObjectionFormTokenCheck.Invalid)
        {
            logger.LogWarning("Objection POST to the notice of {CampaignId} without a genuine form token refused", campaignId);
            return new HtmlPage(StatusCodes.Status403Forbidden, NoticePages.CrossSite(path));
        }
        if (await NoticeBoard.ReadAsync(campaignId, campaigns, notices, nominations, objections, cancellationToken) is not { } board)
            return new HtmlPage(StatusCodes.Status404NotFound, NoticePages.NotFound());
        var values = new ObjectionFormValues(form["nominationId"], form["name"], form["contact"], form["text"]);
        if (token == ObjectionFormTokenCheck.Expired)
            return new HtmlPage(StatusCodes.Status400BadRequest, NoticePages.Board(board, now, path, tokens.Issue(campaignId, now), NoticePages.FormExpired, values));
        var result = await filing.FileAsync(board, new ObjectionRequest(values.NominationId, values.Name, values.Contact, values.Text),
            ClientAddress(req), cancellationToken);
        return result.Kind switch
        {
            ObjectionFilingKind.Filed => new HtmlPage(StatusCodes.Status200OK, NoticePages.Received(board, result.Reference!, path)),
            ObjectionFilingKind.Limited => new HtmlPage(StatusCodes.Status429TooManyRequests, NoticePages.TooMany(settings.RateLimit, path)),
            ObjectionFilingKind.Invalid => new HtmlPage(StatusCodes.Status400BadRequest, NoticePages.Board(board, now, path, tokens.Issue(campaignId, now),
                string.Join(" ", result.Errors!.Select(e => e.Message)), values)),
            _ => new HtmlPage(StatusCodes.Status409Conflict, NoticePages.Board(board, now, path, tokens.Issue(campaignId, now))),
        };
    }

    /// <summary>The configured header's last entry (the one the platform's front end added), else the connection's address.</summary>
    private string ClientAddress(HttpRequest req) =>
        settings.ClientAddressHeader is { } header && req.Headers[header].ToString() is { Length: > 0 } forwarded
            ? forwarded.Split(',')[^1].Trim()
            : req.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
