using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Gonghui.LocalHost.Durable;

/// <summary>The check-status response of Durable Functions' HTTP starter pattern.</summary>
public static class CheckStatusResponses
{
    /// <summary>
    /// 202 Accepted with a Location header (the status URL) and the instance's management URLs, built from the
    /// request's scheme and host.
    /// </summary>
    public static IResult CreateCheckStatusResponse(this DurableTaskClient client, HttpRequest request, string instanceId)
    {
        var payload = client.CreateHttpManagementPayload(instanceId, $"{request.Scheme}://{request.Host}{request.PathBase}");
        return new LocatedResult(Results.Json(payload, statusCode: StatusCodes.Status202Accepted), payload.StatusQueryGetUri);
    }

    /// <summary>The management URLs of an instance under <paramref name="baseUrl"/> (scheme, host and path base).</summary>
    public static HttpManagementPayload CreateHttpManagementPayload(this DurableTaskClient client, string instanceId, string baseUrl)
    {
        var instance = $"{baseUrl.TrimEnd('/')}{DurableHttpApi.InstancesPath}/{Uri.EscapeDataString(instanceId)}";
        var hub = "taskHub=" + Uri.EscapeDataString(client.Name);
        return new HttpManagementPayload(
            instanceId,
            $"{instance}?{hub}",
            $"{instance}/raiseEvent/{{eventName}}?{hub}",
            $"{instance}/terminate?reason={{text}}&{hub}",
            $"{instance}/suspend?reason={{text}}&{hub}",
            $"{instance}/resume?reason={{text}}&{hub}",
            $"{instance}?{hub}");
    }

    /// <summary>A result that adds a Location header to another result.</summary>
    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
