using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Http;

/// <summary>An answer with response headers added (Location, ETag, Cache-Control) before it is written.</summary>
public sealed class WithHeadersResult(IResult inner, params (string Name, string Value)[] headers) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        foreach (var (name, value) in headers)
            httpContext.Response.Headers[name] = value;
        return inner.ExecuteAsync(httpContext);
    }
}
