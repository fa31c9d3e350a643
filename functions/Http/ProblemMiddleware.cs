using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Http;

/// <summary>
/// For HTTP-triggered invocations: gives the request its correlation id (response header, problems, a log scope) and
/// turns what escapes the function into a problem written to the response: a bad request keeps its status, anything
/// else is logged with the correlation id and answered 500 without internals. Other invocations pass through.
/// </summary>
public sealed class ProblemMiddleware(ILogger<ProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } httpContext)
        {
            await next(context);
            return;
        }
        var correlationId = CorrelationId.Assign(httpContext);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId });
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(httpContext, Problems.ForStatus(ex.StatusCode));
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is no one to answer.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled exception in function {Function} ({Method} {Path}, correlation id {CorrelationId})",
                context.FunctionDefinition.Name, httpContext.Request.Method, httpContext.Request.Path.Value, correlationId);
            await WriteAsync(httpContext, Problems.Internal());
        }
    }

    private static async Task WriteAsync(HttpContext httpContext, Problem problem)
    {
        if (httpContext.Response.HasStarted)
        {
            httpContext.Abort();
            return;
        }
        httpContext.Response.Clear();
        // Clear drops the headers too; the correlation id is what finds the logged exception.
        httpContext.Response.Headers[CorrelationId.HeaderName] = CorrelationId.Of(httpContext);
        await problem.ExecuteAsync(httpContext);
    }
}
