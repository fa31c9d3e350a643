using Gonghui.LocalHost.Durable;
using Gonghui.LocalHost.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Http;

/// <summary>
/// The host's own endpoints, as the Functions host has them: <c>GET /admin/host/status</c> (no key, as under Core
/// Tools), <c>GET /admin/functions</c>, <c>POST /admin/functions/{name}</c> (runs a timer function now) and the durable
/// management API under /runtime/webhooks/durabletask (master key).
/// </summary>
internal static class HostEndpoints
{
    public static void Map(WebApplication web)
    {
        web.MapGet("/admin/host/status", (FunctionCatalog catalog) =>
            Results.Json(new { state = "Running", functions = catalog.All.Count, processUptimeSeconds = (long)Environment.TickCount64 / 1000 }));
        web.MapGet("/admin/functions", (FunctionListing listing) => Results.Json(listing.Entries()))
            .AddEndpointFilter(RequireMasterKey);
        web.MapPost("/admin/functions/{name}", RunTimerFunctionNow).AddEndpointFilter(RequireMasterKey);
        web.MapDurableTaskManagementApi().AddEndpointFilter(RequireMasterKey);
    }

    /// <summary>
    /// As the Functions host runs a non-HTTP function on demand: answered 202 at once, the function runs in the background.
    /// The local host does it for timer functions (the input is ignored); a queue function takes a message on its queue.
    /// </summary>
    private static IResult RunTimerFunctionNow(string name, FunctionCatalog catalog, FunctionInvoker invoker,
        IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        var function = catalog.Find(name);
        if (function is null)
            return Problem.ForStatus(StatusCodes.Status404NotFound);
        if (function.Trigger is not TimerTrigger)
            return new Problem(StatusCodes.Status400BadRequest, "not_a_timer_function", "Only timer functions run on demand here.",
                $"{name} has a {function.Trigger.Type}.");
        var logger = loggers.CreateLogger("Gonghui.LocalHost.Timers." + name);
        _ = Task.Run(async () =>
        {
            try
            {
                await invoker.InvokeAsync(function, new Microsoft.Azure.Functions.Worker.TimerInfo(), new Dictionary<string, object?>(), lifetime.ApplicationStopping);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Timer function {Function} failed when run on demand", name);
            }
        });
        return Results.Accepted();
    }

    private static async ValueTask<object?> RequireMasterKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<FunctionKeys>().Allows(context.HttpContext.Request, AuthorizationLevel.Admin)
            ? await next(context)
            : Problem.ForStatus(StatusCodes.Status401Unauthorized);
}
