using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Http;

/// <summary>
/// Turns what escapes a request (past the app's own middleware) into a problem: Kestrel's bad-request errors (413 body too large, ...) keep their
/// status; anything else is logged with the correlation id and answered 500 without internals. Bare error status
/// codes (no route, wrong method) get a problem body too.
/// </summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext httpContext)
    {
        try
        {
            await next(httpContext);
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(httpContext, Problem.ForStatus(ex.StatusCode));
            return;
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled exception in {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path.Value);
            await WriteAsync(httpContext, Problem.ForStatus(StatusCodes.Status500InternalServerError));
            return;
        }
        var status = httpContext.Response.StatusCode;
        if (status >= 400 && !httpContext.Response.HasStarted && httpContext.Response.ContentLength is null &&
            string.IsNullOrEmpty(httpContext.Response.ContentType))
            await Problem.ForStatus(status).ExecuteAsync(httpContext);
    }

    private static async Task WriteAsync(HttpContext httpContext, Problem problem)
    {
        if (httpContext.Response.HasStarted)
        {
            httpContext.Abort();
            return;
        }
        httpContext.Response.Clear();
        await problem.ExecuteAsync(httpContext);
    }
}
