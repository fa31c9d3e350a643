using Gonghui.LocalHost.Durable;
using Gonghui.LocalHost.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.LocalHost.Http;

/// <summary>
/// The host's own endpoints, as the Functions host has them: <c>GET /admin/host/status</c> (no key, as under Core
/// Tools), <c>GET /admin/functions</c> and the durable management API under /runtime/webhooks/durabletask (master key).
/// </summary>
internal static class HostEndpoints
{
    public static void Map(WebApplication web)
    {
        web.MapGet("/admin/host/status", (FunctionCatalog catalog) =>
            Results.Json(new { state = "Running", functions = catalog.All.Count, processUptimeSeconds = (long)Environment.TickCount64 / 1000 }));
        web.MapGet("/admin/functions", (FunctionListing listing) => Results.Json(listing.Entries()))
            .AddEndpointFilter(RequireMasterKey);
        web.MapDurableTaskManagementApi().AddEndpointFilter(RequireMasterKey);
    }

    private static async ValueTask<object?> RequireMasterKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<FunctionKeys>().Allows(context.HttpContext.Request, AuthorizationLevel.Admin)
            ? await next(context)
            : Problem.ForStatus(StatusCodes.Status401Unauthorized);
}
