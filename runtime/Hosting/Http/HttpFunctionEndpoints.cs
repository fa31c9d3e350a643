using Gonghui.Hosting.Configuration;
using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Hosting.Http;

/// <summary>
/// Maps every [HttpTrigger] function to a route below the route prefix. A call is authorized against the function's
/// roles, then invoked with the <see cref="HttpRequest"/> as trigger value and the route values (and the caller, as
/// <c>caller</c>) as binding data. The result is written: IResult and IActionResult execute, null is 204, any other
/// object is JSON.
/// </summary>
internal static class HttpFunctionEndpoints
{
    public static void Map(WebApplication app, FunctionCatalog catalog, HttpOptions options, IConfiguration configuration)
    {
        foreach (var function in catalog.WithTrigger<HttpTriggerAttribute>())
        {
            if (SettingExpression.IsFunctionDisabled(configuration, function.Name))
                continue;
            var trigger = function.TriggerAs<HttpTriggerAttribute>();
            CheckDeclaresCallers(function, trigger);
            var pattern = RoutePattern(options, function);
            var handler = Handler(function, trigger);
            var endpoint = trigger.Methods.Length == 0 ? app.Map(pattern, handler) : app.MapMethods(pattern, trigger.Methods, handler);
            endpoint.WithName(function.Name);
        }
    }

    public static string RoutePattern(HttpOptions options, FunctionDescriptor function)
    {
        var route = (function.TriggerAs<HttpTriggerAttribute>().Route ?? function.Name).Trim('/');
        var prefix = options.RoutePrefix.Trim('/');
        return "/" + (prefix.Length == 0 ? route : prefix + "/" + route);
    }

    private static void CheckDeclaresCallers(FunctionDescriptor function, HttpTriggerAttribute trigger)
    {
        if (trigger.Anonymous == (trigger.Roles != ApiRoles.None))
            throw new InvalidOperationException(
                $"HTTP function '{function.Name}' must declare who may call it: Roles = ... or Anonymous = true (not both).");
    }

    private static RequestDelegate Handler(FunctionDescriptor function, HttpTriggerAttribute trigger) => async httpContext =>
    {
        var services = httpContext.RequestServices;
        if (!trigger.Anonymous)
        {
            var problem = await services.GetRequiredService<ApiKeyAuthorizer>().AuthorizeAsync(httpContext, trigger.Roles);
            if (problem is not null)
            {
                await problem.ExecuteAsync(httpContext);
                return;
            }
        }
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in httpContext.Request.RouteValues)
            bindingData[name] = value;
        bindingData["caller"] = httpContext.GetApiCaller();
        var invoker = services.GetRequiredService<FunctionInvoker>();
        var result = await invoker.InvokeAsync(function, httpContext.Request, bindingData, httpContext.RequestAborted);
        await WriteResultAsync(httpContext, result);
    };

    private static Task WriteResultAsync(HttpContext httpContext, object? result)
    {
        switch (result)
        {
            case IResult httpResult:
                return httpResult.ExecuteAsync(httpContext);
            case IActionResult actionResult:
                return actionResult.ExecuteResultAsync(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor()));
            case null:
                httpContext.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            default:
                return Results.Json(result, FunctionJson.Options).ExecuteAsync(httpContext);
        }
    }
}
