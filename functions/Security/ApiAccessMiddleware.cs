using System.Collections.Concurrent;
using Gonghui.Functions.StaffPages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Gonghui.Functions.Security;

/// <summary>
/// The one place that decides who may call an HTTP function, under the Functions host and the local host alike:
/// the function's <see cref="ApiAccessAttribute"/>, <see cref="StaffPageAttribute"/> or <see cref="PublicAccessAttribute"/>
/// (see <see cref="FunctionAccess"/>), checked by <see cref="ApiKeyAuthorizer"/> or, for staff pages, <see cref="StaffPageGate"/>,
/// which store the caller in the request's HttpContext. A refusal is written to the response directly and the function does not run. Every function is
/// anonymous at the Functions level: the app decides with its own keys.
/// </summary>
public sealed class ApiAccessMiddleware(ApiKeyAuthorizer authorizer, StaffPageGate staffPages) : IFunctionsWorkerMiddleware
{
    private readonly ConcurrentDictionary<string, FunctionAccessRule> _rules = new(StringComparer.Ordinal);

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
        var rule = _rules.GetOrAdd(definition.EntryPoint, _ => FunctionAccess.Of(FunctionAccess.MethodOf(definition)));
        IResult? refusal = rule.Kind switch
        {
            FunctionAccessKind.ApiKey => await authorizer.AuthorizeAsync(httpContext, rule.Roles),
            FunctionAccessKind.StaffPage => await staffPages.AdmitAsync(httpContext, rule.Roles),
            _ => null,
        };
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(httpContext);
            return;
        }
        await next(context);
    }
}
