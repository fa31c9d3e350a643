using Gonghui.LocalHost.Configuration;
using Gonghui.LocalHost.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.LocalHost.Http;

/// <summary>
/// Maps every HTTP trigger to its route below the host.json route prefix, with its methods. A call is checked against
/// the trigger's authorization level (<see cref="FunctionKeys"/>), then invoked with the <see cref="HttpRequest"/> as
/// trigger value and the route values as binding data. The result is written as the worker's ASP.NET Core integration
/// writes it: IResult and IActionResult execute, null leaves the response as the function set it, any other object
/// is JSON.
/// </summary>
internal static class HttpFunctionEndpoints
{
    public static void Map(WebApplication app, FunctionCatalog catalog, HttpOptions options, IConfiguration configuration)
    {
        foreach (var function in catalog.WithTrigger<HttpTrigger>())
        {
            if (SettingExpression.IsFunctionDisabled(configuration, function.Name))
                continue;
            var trigger = function.TriggerAs<HttpTrigger>();
            var pattern = RoutePattern(options, function);
            var handler = Handler(function, trigger);
            var endpoint = trigger.Methods.Count == 0 ? app.Map(pattern, handler) : app.MapMethods(pattern, trigger.Methods, handler);
            endpoint.WithName(function.Name);
        }
    }

    public static string RoutePattern(HttpOptions options, FunctionDescriptor function)
    {
        var route = (function.TriggerAs<HttpTrigger>().Route ?? function.Name).Trim('/');
        var prefix = options.RoutePrefix.Trim('/');
        return "/" + (prefix.Length == 0 ? route : prefix + "/" + route);
    }

    private static RequestDelegate Handler(FunctionDescriptor function, HttpTrigger trigger) => async httpContext =>
    {
        var hostServices = httpContext.RequestServices;
        if (!hostServices.GetRequiredService<FunctionKeys>().Allows(httpContext.Request, trigger.Level))
        {
            await Problem.ForStatus(StatusCodes.Status401Unauthorized).ExecuteAsync(httpContext);
            return;
        }
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in httpContext.Request.RouteValues)
            bindingData[name] = value;
        var invoker = hostServices.GetRequiredService<FunctionInvoker>();
        var result = await invoker.InvokeAsync(function, httpContext.Request, bindingData, httpContext.RequestAborted, httpContext);
        await WriteResultAsync(httpContext, result);
    };

    private static Task WriteResultAsync(HttpContext httpContext, object? result) => result switch
    {
        IResult httpResult => httpResult.ExecuteAsync(httpContext),
        IActionResult actionResult => actionResult.ExecuteResultAsync(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor())),
        null => Task.CompletedTask,
        _ => Results.Json(result).ExecuteAsync(httpContext),
    };
}
