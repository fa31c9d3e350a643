using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Approvals;

/// <summary>An approval-link page that is never cached, framed, sniffed or referred from to other sites.</summary>
public sealed class ApprovalPageResult(int status, string html) : IResult
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
