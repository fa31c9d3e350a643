using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// What the local host does for HTTP functions of the compiled test app in a real host process: routes under the
/// host.json prefix, methods, route values, every kind of result, the app's worker middleware, and problem+json for
/// what it refuses (404, 405, 413, 500 without internals).
/// </summary>
public sealed class HttpBehaviourTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private HttpClient Client() => fixture.Process.CreateClient(fixture.App.FunctionKey);

    [Fact]
    public async Task Host_status_needs_no_key_and_counts_the_functions_of_the_metadata()
    {
        using var client = fixture.Process.CreateClient();
        var status = await client.GetFromJsonAsync<JsonElement>("admin/host/status");
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Equal(TestApp.Metadata().GetArrayLength(), status.GetProperty("functions").GetInt32());
    }

    [Fact]
    public async Task Route_values_and_methods_reach_the_function_and_plain_objects_are_json()
    {
        using var client = Client();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, "api/test/items/工会-7"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("工会-7", body.GetProperty("id").GetString());
            Assert.Equal(method.Method, body.GetProperty("method").GetString());
        }
    }

    [Fact]
    public async Task Results_of_every_kind_are_written()
    {
        using var client = Client();
        var created = await client.PostAsync("api/test/items", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/test/items/new-1", created.Headers.Location?.OriginalString);
        Assert.Equal("new-1", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        var counted = await client.GetFromJsonAsync<JsonElement>("api/test/counts/21");
        Assert.Equal(21, counted.GetProperty("count").GetInt32());
        Assert.Equal(42, counted.GetProperty("doubled").GetInt32());

        using var master = fixture.Process.CreateClient(fixture.App.MasterKey);
        Assert.Equal(HttpStatusCode.NoContent, (await master.GetAsync("api/test/admin")).StatusCode);

        var text = await fixture.Process.CreateClient().GetAsync("api/test/public");
        Assert.Equal("公开", await text.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_app_own_hosted_services_are_started_with_the_host()
    {
        using var client = fixture.Process.CreateClient();
        Assert.True((await client.GetFromJsonAsync<JsonElement>("api/test/hosted")).GetProperty("started").GetBoolean());
    }

    [Fact]
    public async Task A_trigger_without_route_or_methods_answers_every_method_at_its_name()
    {
        using var client = fixture.Process.CreateClient();
        foreach (var method in new[] { "GET", "POST", "PATCH", "OPTIONS" })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "api/AnyMethod"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(method, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetString());
        }
    }

    [Fact]
    public async Task The_app_worker_middleware_runs_in_registration_order_around_each_http_invocation()
    {
        using var client = Client();
        foreach (var (path, function) in new[] { ("api/test/items/a", "Items"), ("api/test/counts/1", "Counted") })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("outer,inner", string.Join(",", response.Headers.GetValues("x-middleware")));
            Assert.Equal(function, Assert.Single(response.Headers.GetValues("x-middleware-function")));
        }
        // Refused before any function runs: no middleware either.
        using var refused = await fixture.Process.CreateClient().GetAsync("api/test/items/a");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(refused.Headers.Contains("x-middleware"));
    }

    [Fact]
    public async Task A_body_under_the_host_json_limit_is_read_and_one_over_it_is_413()
    {
        using var client = Client();
        var small = await client.PostAsync("api/test/echo", new StringContent(new string('x', 60_000)));
        Assert.Equal(60_000, (await small.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("length").GetInt32());
        var large = await client.PostAsync("api/test/echo", new StringContent(new string('x', 70_000)));
        Assert.Equal("body-too-large", (await ProblemOf(large, HttpStatusCode.RequestEntityTooLarge)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_without_internals_and_the_host_log_has_them()
    {
        using var client = fixture.Process.CreateClient();
        var response = await client.GetAsync("api/test/throw");
        var body = await response.Content.ReadAsStringAsync();
        var problem = await ProblemOf(response, HttpStatusCode.InternalServerError);
        Assert.Equal("internal_error", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("secret-4711", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        await fixture.Process.WaitForOutputAsync("secret-4711");
    }

    [Fact]
    public async Task Unknown_paths_wrong_methods_and_failed_route_constraints_are_problems()
    {
        using var client = Client();
        Assert.Equal("not_found", (await ProblemOf(await client.GetAsync("api/nothing-here"), HttpStatusCode.NotFound)).GetProperty("code").GetString());
        // Functions are served under the route prefix only.
        await ProblemOf(await client.GetAsync("test/items/a"), HttpStatusCode.NotFound);
        await ProblemOf(await client.GetAsync("api/test/counts/many"), HttpStatusCode.NotFound);
        Assert.Equal("method_not_allowed",
            (await ProblemOf(await client.PostAsync("api/test/items/a", null), HttpStatusCode.MethodNotAllowed)).GetProperty("code").GetString());
        await ProblemOf(await client.DeleteAsync("api/test/echo"), HttpStatusCode.MethodNotAllowed);
    }

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
