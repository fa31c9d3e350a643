using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Hosting.Functions;
using Gonghui.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Durable.Tests;

/// <summary>The HTTP management API and the check-status response, on a real Kestrel and Azurite.</summary>
public sealed class ManagementApiTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteServer.GetSharedAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [DurableTaskOptions.ConfigurationSection + ":hubName"] = "m" + Guid.NewGuid().ToString("N")[..12],
            [DurableTaskOptions.ConfigurationSection + ":storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
        });
        builder.Services.AddSingleton(FunctionCatalog.Discover(typeof(ManagementApiTests).Assembly));
        builder.Services.AddDurableTask(builder.Configuration);
        _app = builder.Build();
        _app.MapDurableTaskManagementApi();
        _app.MapPost("/api/start/{name}", async (HttpRequest request, string name, DurableTaskClient client) =>
            client.CreateCheckStatusResponse(request, await client.ScheduleNewOrchestrationInstanceAsync(name, "input")));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }

    [Fact]
    public async Task Check_status_urls_drive_an_instance_from_start_to_purge()
    {
        var start = await _http.PostAsync("/api/start/WaitForApproval", null);
        var payload = (await start.Content.ReadFromJsonAsync<HttpManagementPayload>())!;
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal(payload.StatusQueryGetUri, start.Headers.Location!.ToString());
        Assert.Contains("/runtime/webhooks/durabletask/instances/" + payload.Id, payload.StatusQueryGetUri);

        await WaitForAsync(payload.StatusQueryGetUri, s => s.GetProperty("customStatus").ValueKind != JsonValueKind.Null);
        var running = await _http.GetAsync(payload.StatusQueryGetUri);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);

        var raise = await _http.PostAsJsonAsync(payload.SendEventPostUri.Replace("{eventName}", "approval"), "approved");
        Assert.Equal(HttpStatusCode.Accepted, raise.StatusCode);
        var done = await WaitForAsync(payload.StatusQueryGetUri + "&showHistory=true&showHistoryOutput=true",
            s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal("approved", done.GetProperty("output").GetString());
        Assert.Equal("input", done.GetProperty("input").GetString());
        Assert.Contains(done.GetProperty("historyEvents").EnumerateArray(), e => e.GetProperty("eventType").GetString() == "EventRaised");

        var late = await _http.PostAsync(payload.TerminatePostUri.Replace("{text}", "late"), null);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal("instance_finished", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var purge = await _http.DeleteAsync(payload.PurgeHistoryDeleteUri);
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(payload.StatusQueryGetUri)).StatusCode);
    }

    [Fact]
    public async Task Terminate_suspend_resume_and_list_with_filters()
    {
        var first = (await (await _http.PostAsync("/api/start/WaitForApproval", null)).Content.ReadFromJsonAsync<HttpManagementPayload>())!;
        var second = (await (await _http.PostAsync("/api/start/WaitForApproval", null)).Content.ReadFromJsonAsync<HttpManagementPayload>())!;
        await WaitForAsync(first.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Running");
        await WaitForAsync(second.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Running");

        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsync(second.SuspendPostUri.Replace("{text}", "hold"), null)).StatusCode);
        await WaitForAsync(second.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Suspended");
        var suspended = await ListAsync("?runtimeStatus=Suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsync(second.ResumePostUri.Replace("{text}", "go"), null)).StatusCode);
        await WaitForAsync(second.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Running");
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsync(first.TerminatePostUri.Replace("{text}", "stop"), null)).StatusCode);
        var terminated = await WaitForAsync(first.StatusQueryGetUri, s => s.GetProperty("runtimeStatus").GetString() == "Terminated");
        var page = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/runtime/webhooks/durabletask/instances?top=1"));

        Assert.Equal([second.Id], suspended.Select(s => s.GetProperty("instanceId").GetString()));
        Assert.Equal("stop", terminated.GetProperty("output").GetString());
        Assert.Single((await page.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.True(page.Headers.Contains(DurableHttpApi.ContinuationHeader));
        Assert.Contains((await ListAsync("?runtimeStatus=Terminated,Running&createdTimeFrom=2020-01-01T00:00:00Z")).Select(s => s.GetProperty("instanceId").GetString()), id => id == first.Id);
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_with_a_stable_code()
    {
        var badStatus = await _http.GetAsync("/runtime/webhooks/durabletask/instances?runtimeStatus=Sleeping&createdTimeFrom=yesterday");
        var missing = await _http.PostAsync("/runtime/webhooks/durabletask/instances/nobody/terminate", null);
        var badBody = await _http.PostAsync("/runtime/webhooks/durabletask/instances/nobody/raiseEvent/x",
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal("application/problem+json", badStatus.Content.Headers.ContentType!.MediaType);
        var problem = await badStatus.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("runtimeStatus", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("createdTimeFrom", out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("instance_not_found", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
    }

    private async Task<List<JsonElement>> ListAsync(string query) =>
        (await _http.GetFromJsonAsync<JsonElement>("/runtime/webhooks/durabletask/instances" + query)).EnumerateArray().ToList();

    private async Task<JsonElement> WaitForAsync(string url, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await _http.GetFromJsonAsync<JsonElement>(url);
            if (condition(status))
                return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{url} never met the condition: {status}");
            await Task.Delay(50);
        }
    }
}
