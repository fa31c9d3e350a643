using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Gonghui.LocalHost.TestApp;

/// <summary>
/// Worker middleware that leaves a trail on HTTP responses: each appends its name to the <see cref="Header"/> header
/// before the function runs, and <see cref="FunctionHeader"/> names the function, so a test sees that the middleware ran,
/// in which order, and around which function.
/// </summary>
public abstract class MiddlewareTrail(string name) : IFunctionsWorkerMiddleware
{
    public const string Header = "x-middleware";
    public const string FunctionHeader = "x-middleware-function";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            var trail = http.Response.Headers[Header].ToString();
            http.Response.Headers[Header] = trail.Length == 0 ? name : trail + "," + name;
            http.Response.Headers[FunctionHeader] = context.FunctionDefinition.Name;
        }
        await next(context);
    }
}

public sealed class OuterMiddleware() : MiddlewareTrail("outer");

public sealed class InnerMiddleware() : MiddlewareTrail("inner");
