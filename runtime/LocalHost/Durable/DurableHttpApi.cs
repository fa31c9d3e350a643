using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.LocalHost.Durable;

/// <summary>
/// The HTTP management API shaped like Durable Functions' under /runtime/webhooks/durabletask/instances: list (with
/// filters, paged by the x-ms-continuation-token header), get (showInput, showHistory, showHistoryOutput),
/// raiseEvent, terminate, suspend, resume, purge one, purge many. Bad input gets application/problem+json with a
/// stable code. The returned group lets the host require the admin role. History events are shown as the task hub's
/// history table holds them, with the event type by name (and without inputs and results unless showHistoryOutput).
/// </summary>
public static class DurableHttpApi
{
    public const string InstancesPath = "/runtime/webhooks/durabletask/instances";
    public const string ContinuationHeader = "x-ms-continuation-token";

    public static RouteGroupBuilder MapDurableTaskManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(InstancesPath);
        group.MapGet("", (Delegate)ListAsync);
        group.MapDelete("", (Delegate)PurgeManyAsync);
        group.MapGet("/{instanceId}", GetAsync);
        group.MapDelete("/{instanceId}", PurgeAsync);
        group.MapPost("/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        group.MapPost("/{instanceId}/terminate", (HttpContext http, string instanceId, string? reason) =>
            CommandAsync(http, instanceId, c => c.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = reason }, http.RequestAborted)));
        group.MapPost("/{instanceId}/suspend", (HttpContext http, string instanceId, string? reason) =>
            CommandAsync(http, instanceId, c => c.SuspendInstanceAsync(instanceId, reason, http.RequestAborted)));
        group.MapPost("/{instanceId}/resume", (HttpContext http, string instanceId, string? reason) =>
            CommandAsync(http, instanceId, c => c.ResumeInstanceAsync(instanceId, reason, http.RequestAborted)));
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext http)
    {
        var query = http.Request.Query;
        if (ParseFilter(query) is not { } filter)
            return Invalid(FilterErrors(query));
        var top = 100;
        if (query.TryGetValue("top", out var topText) && (!int.TryParse(topText, CultureInfo.InvariantCulture, out top) || top is < 1 or > 1000))
            return Invalid(new() { ["top"] = ["top must be a whole number from 1 to 1000."] });
        var showInput = IsTrue(query, "showInput");
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        var pageable = client.GetAllInstancesAsync(new OrchestrationQuery
        {
            CreatedFrom = filter.CreatedFrom,
            CreatedTo = filter.CreatedTo,
            Statuses = filter.Statuses,
            InstanceIdPrefix = query["instanceIdPrefix"].ToString() is { Length: > 0 } prefix ? prefix : null,
            PageSize = top,
            FetchInputsAndOutputs = showInput,
        });
        var continuation = http.Request.Headers[ContinuationHeader].ToString();
        await foreach (var page in pageable.AsPages(continuation.Length > 0 ? continuation : null, top).WithCancellation(http.RequestAborted))
        {
            if (page.ContinuationToken is { } next)
                http.Response.Headers[ContinuationHeader] = next;
            return Results.Json(page.Values.Select(m => Status(m, showInput, null)).ToList());
        }
        return Results.Json(Array.Empty<object>());
    }

    private static async Task<IResult> GetAsync(HttpContext http, string instanceId)
    {
        var query = http.Request.Query;
        var client = http.RequestServices.GetRequiredService<TaskHubDurableTaskClient>();
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, http.RequestAborted);
        if (metadata is null)
            return NotFound(instanceId);
        JsonArray? history = null;
        if (IsTrue(query, "showHistory") && await client.GetHistoryJsonAsync(instanceId, http.RequestAborted) is { } historyJson)
            history = HistoryEvents(historyJson, IsTrue(query, "showHistoryOutput"));
        var body = Status(metadata, IsTrue(query, "showInput", defaultValue: true), history);
        var finished = metadata.IsCompleted;
        if (!finished)
            http.Response.Headers.Location = http.Request.GetEncodedPathAndQuery();
        return Results.Json(body, statusCode: finished ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> RaiseEventAsync(HttpContext http, string instanceId, string eventName)
    {
        object? payload = null;
        if (http.Request.ContentLength is not 0 && http.Request.HasJsonContentType())
        {
            try
            {
                payload = await JsonSerializer.DeserializeAsync<JsonNode>(http.Request.Body, cancellationToken: http.RequestAborted);
            }
            catch (JsonException)
            {
                return Invalid(new() { ["body"] = ["The event data is not valid JSON."] });
            }
        }
        return await CommandAsync(http, instanceId, c => c.RaiseEventAsync(instanceId, eventName, payload, http.RequestAborted));
    }

    private static async Task<IResult> CommandAsync(HttpContext http, string instanceId, Func<DurableTaskClient, Task> command)
    {
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        var metadata = await client.GetInstanceAsync(instanceId, cancellation: http.RequestAborted);
        if (metadata is null)
            return NotFound(instanceId);
        if (metadata.IsCompleted)
            return Problem(StatusCodes.Status410Gone, "instance_finished", $"Instance '{instanceId}' has already finished ({metadata.RuntimeStatus}).");
        await command(client);
        return Results.Accepted();
    }

    private static async Task<IResult> PurgeAsync(HttpContext http, string instanceId)
    {
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        var metadata = await client.GetInstanceAsync(instanceId, cancellation: http.RequestAborted);
        if (metadata is null)
            return NotFound(instanceId);
        if (!metadata.IsCompleted)
            return Problem(StatusCodes.Status409Conflict, "instance_running", $"Instance '{instanceId}' is {metadata.RuntimeStatus}; only finished instances are purged.");
        var result = await client.PurgeInstanceAsync(instanceId, cancellation: http.RequestAborted);
        return Results.Json(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static async Task<IResult> PurgeManyAsync(HttpContext http)
    {
        if (ParseFilter(http.Request.Query) is not { } filter)
            return Invalid(FilterErrors(http.Request.Query));
        var client = http.RequestServices.GetRequiredService<DurableTaskClient>();
        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(filter.CreatedFrom, filter.CreatedTo, filter.Statuses),
            cancellation: http.RequestAborted);
        return result.PurgedInstanceCount == 0 ? NotFound(null) : Results.Json(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static object Status(OrchestrationMetadata m, bool showInput, JsonArray? history) => new
    {
        name = m.Name,
        instanceId = m.InstanceId,
        runtimeStatus = m.RuntimeStatus.ToString(),
        input = showInput ? Json(m.SerializedInput) : null,
        customStatus = Json(m.SerializedCustomStatus),
        output = m.FailureDetails is { } failure
            ? new JsonObject { ["errorType"] = failure.ErrorType, ["errorMessage"] = failure.ErrorMessage }
            : Json(m.SerializedOutput),
        createdTime = m.CreatedAt,
        lastUpdatedTime = m.LastUpdatedAt,
        historyEvents = history,
    };

    /// <summary>Payload-carrying fields of history events, shown only with showHistoryOutput.</summary>
    private static readonly string[] HistoryPayloads = ["Input", "Result", "Reason", "Details", "Data"];

    private static JsonArray HistoryEvents(string historyJson, bool showOutput)
    {
        var events = JsonNode.Parse(historyJson) as JsonArray ?? [];
        foreach (var historyEvent in events.OfType<JsonObject>())
        {
            if (historyEvent["EventType"] is JsonValue type && type.TryGetValue<int>(out var number))
                historyEvent["EventType"] = ((global::DurableTask.Core.History.EventType)number).ToString();
            if (!showOutput)
                foreach (var payload in HistoryPayloads)
                    historyEvent.Remove(payload);
        }
        return events;
    }

    /// <summary>A payload as JSON; one another client stored as plain text (a terminate reason, say) shows as a string.</summary>
    private static JsonNode? Json(string? serialized)
    {
        if (serialized is null)
            return null;
        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    private sealed record Filter(DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, List<OrchestrationRuntimeStatus>? Statuses);

    private static Filter? ParseFilter(IQueryCollection query) =>
        FilterErrors(query).Count > 0
            ? null
            : new Filter(Time(query, "createdTimeFrom"), Time(query, "createdTimeTo"),
                query["runtimeStatus"].ToString() is { Length: > 0 } statuses
                    ? statuses.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.Parse<OrchestrationRuntimeStatus>(s, true)).ToList()
                    : null);

    private static Dictionary<string, string[]> FilterErrors(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var name in new[] { "createdTimeFrom", "createdTimeTo" })
        {
            if (query.TryGetValue(name, out var text) && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                errors[name] = [$"{name} must be an ISO 8601 date and time."];
        }
        var unknown = query["runtimeStatus"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !Enum.TryParse<OrchestrationRuntimeStatus>(s, true, out var parsed) || int.TryParse(s, out _) || !Enum.IsDefined(parsed))
            .ToList();
        if (unknown.Count > 0)
            errors["runtimeStatus"] = [$"Unknown runtime status: {string.Join(", ", unknown)}. Use {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."];
        return errors;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var text) ? DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    private static bool IsTrue(IQueryCollection query, string name, bool defaultValue = false) =>
        query.TryGetValue(name, out var text) ? bool.TryParse(text, out var value) && value : defaultValue;

    private static IResult NotFound(string? instanceId) =>
        Problem(StatusCodes.Status404NotFound, "instance_not_found", instanceId is null ? "No instance matches." : $"No instance '{instanceId}' exists.");

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.",
            extensions: new Dictionary<string, object?> { ["code"] = "invalid_request", ["errors"] = errors });

    private static IResult Problem(int status, string code, string detail) =>
        Results.Problem(statusCode: status, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}
