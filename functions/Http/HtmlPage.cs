using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Http;

/// <summary>
/// A server-rendered page that is never cached, framed, sniffed or referred from to other sites, and runs no script
/// (CSP default-src 'none'; inline styles only; forms post to this origin). Referrer-Policy is same-origin, not
/// no-referrer: under no-referrer browsers send "Origin: null" even for the page's own form (see <see cref="CrossSiteRequest"/>).
/// </summary>
public sealed class HtmlPage(int status, string html) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        await response.WriteAsync(html, httpContext.RequestAborted);
    }
}
