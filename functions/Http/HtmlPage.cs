using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Gonghui.Functions.Http;

/// <summary>
/// A server-rendered page that is never framed, sniffed or referred from to other sites, and runs no script
/// (CSP default-src 'none'; inline styles only; forms post to this origin). Referrer-Policy is same-origin, not
/// no-referrer: under no-referrer browsers send "Origin: null" even for the page's own form (see <see cref="CrossSiteRequest"/>).
/// A page is never stored, unless it has an <paramref name="eTag"/>: then it may be kept but is revalidated on every
/// use, and a GET whose If-None-Match holds that ETag is answered 304 without the page.
/// </summary>
public sealed class HtmlPage(int status, string html, string? eTag = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        if (eTag is null)
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
        }
        else
        {
            response.Headers.CacheControl = "no-cache";
            response.Headers.ETag = eTag;
            if (HttpMethods.IsGet(httpContext.Request.Method) && IsKnownToClient(httpContext.Request, EntityTagHeaderValue.Parse(eTag)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        response.StatusCode = status;
        await response.WriteAsync(html, httpContext.RequestAborted);
    }

    private static bool IsKnownToClient(HttpRequest request, EntityTagHeaderValue eTag) =>
        request.GetTypedHeaders().IfNoneMatch.Any(known => known.Equals(EntityTagHeaderValue.Any) || known.Compare(eTag, useStrongComparison: false));
}
