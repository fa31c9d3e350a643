using System.Net;
using System.Text.RegularExpressions;
using Gonghui.Testing;

namespace Gonghui.Hosting.Tests;

/// <summary>The app's <c>keys</c> command against the storage a running app uses.</summary>
public sealed partial class KeyCommandTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    [Fact]
    public async Task A_key_created_by_the_command_works_at_once_and_stops_working_within_the_cache_time_when_revoked()
    {
        var name = "ops-" + Guid.NewGuid().ToString("N")[..8];
        var (created, output) = await FunctionAppProcess.RunCommandAsync(TestApp.Dll, fixture.App.Settings,
            ["keys", "create", "--role", "supervisor", "--name", name, "--region", "beijing"]);
        Assert.True(created == 0, output);
        var secret = SecretLine().Match(output).Groups["secret"].Value;
        var id = KeyIdLine().Match(output).Groups["id"].Value;

        using var client = fixture.Process.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/test/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("api/test/operator")).StatusCode);

        var (listed, list) = await FunctionAppProcess.RunCommandAsync(TestApp.Dll, fixture.App.Settings, ["keys", "list"]);
        Assert.Equal(0, listed);
        Assert.Contains(list.Split('\n'), line => line.StartsWith(id) && line.Contains(name) && line.Contains("region=beijing"));
        Assert.DoesNotContain(secret, list);

        // Revoked by another process: the app sees it once its key cache (one second in the test app) has expired.
        var (revoked, _) = await FunctionAppProcess.RunCommandAsync(TestApp.Dll, fixture.App.Settings, ["keys", "revoke", id]);
        Assert.Equal(0, revoked);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await client.GetAsync("api/test/staff")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(DateTime.UtcNow < deadline, "The revoked key still works.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Wrong_usage_prints_the_usage_and_fails()
    {
        var (exitCode, output) = await FunctionAppProcess.RunCommandAsync(TestApp.Dll, fixture.App.Settings,
            ["keys", "create", "--role", "chairman", "--name", "x"]);
        Assert.Equal(2, exitCode);
        Assert.Contains("usage: keys create", output);
    }

    [GeneratedRegex(@"Secret \(shown only now[^:]*: (?<secret>\S+)")]
    private static partial Regex SecretLine();

    [GeneratedRegex(@"Created key (?<id>\S+) ")]
    private static partial Regex KeyIdLine();
}
