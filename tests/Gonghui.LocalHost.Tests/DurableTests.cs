using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// Orchestrations and activities of the compiled test app on the Durable Task Framework in a real host process:
/// started by an HTTP function through its [DurableClient], followed and driven through the durable management API
/// with the master key.
/// </summary>
public sealed class DurableTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private const string Instances = "runtime/webhooks/durabletask/instances";

    [Fact]
    public async Task HelloSequence_calls_its_activity_five_times_in_order()
    {
        var id = await StartAsync("HelloSequence", input: null);
        var status = await WaitForCompletionAsync(id);
        Assert.Equal("HelloSequence", status.GetProperty("name").GetString());
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!", "Hello Beijing!", "Hello Paris!"],
            status.GetProperty("output").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task FanOutFanIn_gathers_every_parallel_activity()
    {
        var id = await StartAsync("FanOutFanIn", input: "12");
        var status = await WaitForCompletionAsync(id);
        Assert.Equal(12, status.GetProperty("output").GetInt32());
        Assert.Equal(12, status.GetProperty("input").GetInt32());
    }

    [Fact]
    public async Task An_orchestration_waits_for_its_event_raised_through_the_management_api()
    {
        var id = await StartAsync("AwaitApproval", input: null, instanceId: "approval-" + Guid.NewGuid().ToString("N"));
        using var master = fixture.Process.CreateClient(fixture.App.MasterKey);
        await WaitForStatusAsync(id, "Running");

        using var refused = await fixture.Process.CreateClient(fixture.App.FunctionKey)
            .PostAsync($"{Instances}/{id}/raiseEvent/Approval", Json("\"approved by 王芳\""));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var raised = await master.PostAsync($"{Instances}/{id}/raiseEvent/Approval", Json("\"approved by 王芳\""));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);

        var status = await WaitForCompletionAsync(id);
        Assert.Equal("approved by 王芳", status.GetProperty("output").GetString());
        var history = await master.GetFromJsonAsync<JsonElement>($"{Instances}/{id}?showHistory=true");
        Assert.Contains(history.GetProperty("historyEvents").EnumerateArray(), e => e.GetProperty("EventType").GetString() == "EventRaised");
    }

    [Fact]
    public async Task The_management_api_refuses_without_the_master_key()
    {
        var id = await StartAsync("HelloSequence", input: null);
        await WaitForCompletionAsync(id);
        foreach (var client in new[] { fixture.Process.CreateClient(), fixture.Process.CreateClient(fixture.App.FunctionKey) })
        {
            using (client)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"{Instances}/{id}")).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Instances)).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync($"{Instances}/{id}")).StatusCode);
            }
        }
        using var master = fixture.Process.CreateClient(fixture.App.MasterKey);
        var listed = await master.GetFromJsonAsync<JsonElement>($"{Instances}?runtimeStatus=Completed&top=1000");
        Assert.Contains(listed.EnumerateArray(), i => i.GetProperty("instanceId").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, (await master.DeleteAsync($"{Instances}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await master.GetAsync($"{Instances}/{id}")).StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<string> StartAsync(string orchestrator, string? input, string? instanceId = null)
    {
        using var client = fixture.Process.CreateClient(fixture.App.FunctionKey);
        var path = $"api/orchestrations/{orchestrator}" + (instanceId is null ? "" : $"?instanceId={instanceId}");
        using var response = await client.PostAsync(path, input is null ? null : Json(input));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        if (instanceId is not null)
            Assert.Equal(instanceId, id);
        return id;
    }

    private Task<JsonElement> WaitForCompletionAsync(string id) => WaitForStatusAsync(id, "Completed");

    private async Task<JsonElement> WaitForStatusAsync(string id, string runtimeStatus)
    {
        using var master = fixture.Process.CreateClient(fixture.App.MasterKey);
        var status = await Eventually.ReadAsync(async () =>
        {
            using var response = await master.GetAsync($"{Instances}/{id}");
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted ? (JsonElement?)await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }, found => found is { } instance && instance.GetProperty("runtimeStatus").GetString() is var current
            && (current == runtimeStatus || current is not ("Pending" or "Running")),
            $"instance {id} to be {runtimeStatus}", TimeSpan.FromSeconds(60), () => Task.FromResult(fixture.Process.Output));
        Assert.Equal(runtimeStatus, status!.Value.GetProperty("runtimeStatus").GetString());
        return status.Value;
    }
}
