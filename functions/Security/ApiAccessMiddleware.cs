using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Gonghui.Functions.Security;

/// <summary>
/// The one place that decides who may call an HTTP function, under the Functions host and the local host alike:
/// the function's <see cref="ApiAccessAttribute"/> or <see cref="PublicAccessAttribute"/> (see
/// <see cref="FunctionAccess"/>), checked by <see cref="ApiKeyAuthorizer"/>, which stores the caller in the request's
/// HttpContext. A refusal is written to the response directly and the function does not run. Every function is
/// anonymous at the Functions level: the app decides with its own keys.
/// </summary>
public sealed class ApiAccessMiddleware(ApiKeyAuthorizer authorizer) : IFunctionsWorkerMiddleware
{
    private readonly ConcurrentDictionary<string, ApiRoles?> _admitted = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var definition = context.FunctionDefinition;
        if (!FunctionAccess.IsHttpTriggered(definition))
        {
            await next(context);
            return;
        }
        var httpContext = context.GetHttpContext()
                          ?? throw new InvalidOperationException($"HTTP function {definition.Name} was invoked without an HttpContext.");
        var admitted = _admitted.GetOrAdd(definition.EntryPoint, _ => FunctionAccess.Of(FunctionAccess.MethodOf(definition)));
        if (admitted is { } roles && await authorizer.AuthorizeAsync(httpContext, roles) is { } problem)
        {
            await problem.ExecuteAsync(httpContext);
            return;
        }
        await next(context);
    }
}
