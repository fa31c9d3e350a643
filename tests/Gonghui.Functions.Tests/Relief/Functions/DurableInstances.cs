using Gonghui.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// Orchestration instances as the app's Durable Functions-shaped management API
/// (<c>/runtime/webhooks/durabletask/instances</c>) shows them to the local host's master key.
/// </summary>
public static class DurableInstances
{
    public const string Path = "runtime/webhooks/durabletask/instances";

    /// <summary>The instance's status document, or null when the API answers 404 (no such instance, or purged).</summary>
    public static async Task<JsonElement?> GetAsync(HttpClient admin, string instanceId, string query = "")
    {
        using var response = await admin.GetAsync($"{Path}/{instanceId}{query}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted,
            $"GET instance {instanceId}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string? RuntimeStatus(JsonElement? instance) =>
        instance is { } found && found.TryGetProperty("runtimeStatus", out var status) ? status.GetString() : null;

    /// <summary>
    /// Whether the history (<c>showHistory=true</c>) holds a TimerCreated event that fires after <paramref name="now"/>. Field
    /// names and the event type are matched ignoring case: Durable Functions writes them in Pascal case.
    /// </summary>
    public static bool HasTimerFiringAfter(JsonElement instance, DateTimeOffset now) =>
        instance.GetProperty("historyEvents").EnumerateArray().Any(e =>
            string.Equals(Field(e, "eventType")?.GetString(), "TimerCreated", StringComparison.OrdinalIgnoreCase) && Field(e, "fireAt")?.GetDateTimeOffset() > now);

    private static JsonElement? Field(JsonElement historyEvent, string name) =>
        historyEvent.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value)
            .FirstOrDefault();

    /// <summary>Waits until the instance shows <paramref name="runtimeStatus"/> (e.g. Completed, Terminated).</summary>
    public static Task<JsonElement?> WaitForStatusAsync(HttpClient admin, string instanceId, string runtimeStatus, TimeSpan timeout) =>
        Eventually.ReadAsync(() => GetAsync(admin, instanceId), instance => RuntimeStatus(instance) == runtimeStatus,
            $"orchestration {instanceId} to be {runtimeStatus}", timeout);
}
