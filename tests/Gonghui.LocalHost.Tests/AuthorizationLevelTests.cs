using System.Net;
using System.Text.Json;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// The Functions host's key check in a real host process: every HTTP function of the test app, as functions.metadata
/// declares it, called without a key, with a wrong key, with the function key and with the master key, each as the
/// x-functions-key header and as the code query parameter. Anonymous admits all; function level the function or the
/// master key; admin level only the master key. The host's own admin endpoints take only the master key.
/// </summary>
public sealed class AuthorizationLevelTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    public static IEnumerable<object[]> HttpFunctions() =>
        TestApp.Metadata().EnumerateArray()
            .Where(f => Trigger(f).GetProperty("type").GetString() == "httpTrigger")
            .Select(f => new object[] { f.GetProperty("name").GetString()! });

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task Each_function_admits_exactly_the_keys_its_level_allows(string name)
    {
        var trigger = Trigger(TestApp.Metadata().EnumerateArray().Single(f => f.GetProperty("name").GetString() == name));
        var level = trigger.GetProperty("authLevel").GetString()!.ToLowerInvariant();
        var admitted = new Dictionary<string, bool>
        {
            ["no key"] = level == "anonymous",
            ["a wrong key"] = level == "anonymous",
            ["the function key"] = level is "anonymous" or "function",
            ["the master key"] = true,
        };
        var keys = new Dictionary<string, string?>
        {
            ["no key"] = null,
            ["a wrong key"] = "not-" + fixture.App.FunctionKey,
            ["the function key"] = fixture.App.FunctionKey,
            ["the master key"] = fixture.App.MasterKey,
        };
        var failures = new List<string>();
        foreach (var (key, allowed) in admitted)
        {
            foreach (var asQuery in new[] { false, true })
            {
                var status = await CallAsync(trigger, name, keys[key], asQuery);
                if (allowed == (status == HttpStatusCode.Unauthorized))
                    failures.Add($"{name} ({level}) with {key}{(asQuery ? " as ?code=" : "")}: {(int)status}");
            }
        }
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("admin/functions")]
    [InlineData("runtime/webhooks/durabletask/instances")]
    public async Task The_host_admin_endpoints_take_only_the_master_key(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Process.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Process.CreateClient(fixture.App.FunctionKey).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await fixture.Process.CreateClient().GetAsync($"{path}?code={fixture.App.FunctionKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Process.CreateClient(fixture.App.MasterKey).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Process.CreateClient().GetAsync($"{path}?code={fixture.App.MasterKey}")).StatusCode);
    }

    [Fact]
    public async Task A_refusal_is_a_problem_naming_where_the_key_goes()
    {
        var response = await fixture.Process.CreateClient().GetAsync("api/test/items/a");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());
        Assert.Contains("x-functions-key", problem.GetProperty("detail").GetString());
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger"));

    private async Task<HttpStatusCode> CallAsync(JsonElement trigger, string name, string? key, bool asQuery)
    {
        var route = trigger.TryGetProperty("route", out var r) ? r.GetString()! : name;
        // Route values that satisfy the constraints; an orchestration start names a real orchestrator.
        var path = "api/" + route.Replace("{id}", "matrix").Replace("{count:int}", "3").Replace("{name}", "HelloSequence");
        var method = trigger.TryGetProperty("methods", out var methods) ? methods[0].GetString()!.ToUpperInvariant() : "GET";
        if (key is not null && asQuery)
            path += "?code=" + Uri.EscapeDataString(key);
        using var client = fixture.Process.CreateClient(asQuery ? null : key);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        return response.StatusCode;
    }
}
