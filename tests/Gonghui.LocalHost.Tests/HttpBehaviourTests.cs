using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Hosting.Triggers;

namespace Gonghui.Hosting.Tests;

/// <summary>HTTP functions in the real app process: results, the caller, problem+json for every kind of bad request.</summary>
public sealed class HttpBehaviourTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private HttpClient Client(ApiRoles role = ApiRoles.Operator) => fixture.Process.CreateClient(fixture.App.Keys[role]);

    [Fact]
    public async Task Health_needs_no_key_and_ready_checks_storage()
    {
        using var client = fixture.Process.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/health")).StatusCode);
        var ready = await client.GetAsync("api/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_caller_with_its_scope_reaches_the_function_and_the_key_also_works_as_code_query()
    {
        using var admin = Client(ApiRoles.Admin);
        var created = await (await admin.PostAsJsonAsync("api/admin/keys",
            new { name = "东城区工会 handler", role = "handler", unit = "dongcheng", region = "beijing" })).Content.ReadFromJsonAsync<JsonElement>();
        using var anonymous = fixture.Process.CreateClient();
        var caller = await anonymous.GetFromJsonAsync<JsonElement>($"api/test/whoami?code={created.GetProperty("secret").GetString()}");
        Assert.Equal(created.GetProperty("id").GetString(), caller.GetProperty("keyId").GetString());
        Assert.Equal("handler", caller.GetProperty("role").GetString());
        Assert.Equal("dongcheng", caller.GetProperty("unit").GetString());
        Assert.Equal("beijing", caller.GetProperty("region").GetString());

        var listed = await admin.GetFromJsonAsync<JsonElement>("api/admin/keys");
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetString() == created.GetProperty("id").GetString()
                                                     && k.GetProperty("secret").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Results_of_every_kind_are_written()
    {
        using var client = Client(ApiRoles.Handler);
        Assert.Equal("staff", (await client.GetFromJsonAsync<JsonElement>("api/test/staff")).GetProperty("role").GetString());
        using var admin = Client(ApiRoles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/test/admin")).StatusCode);
        using var approver = Client(ApiRoles.Approver);
        Assert.Equal("a-1", (await (await approver.PostAsync("api/test/approvals/a-1", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString());
        var conflict = await approver.PostAsync("api/test/approvals/decided", null);
        Assert.Equal("already-decided", (await ProblemOf(conflict, HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_valid_body_is_echoed()
    {
        using var client = Client();
        var echoed = await (await client.PostAsJsonAsync("api/test/echo", new { name = "王芳", age = 35 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("王芳", echoed.GetProperty("name").GetString());
        Assert.Equal(35, echoed.GetProperty("age").GetInt32());
    }

    [Fact]
    public async Task Malformed_json_names_line_position_and_path()
    {
        using var client = Client();
        var response = await client.PostAsync("api/test/echo", Json("{\n  \"name\": \"王芳\",\n  \"age\": 3x\n}"));
        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid-json", problem.GetProperty("code").GetString());
        Assert.Contains("line 3", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.age", out _), problem.ToString());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_or_a_missing_field_is_a_400_on_that_field()
    {
        using var client = Client();
        var wrongType = await ProblemOf(await client.PostAsync("api/test/echo", Json("{\"name\": \"a\", \"age\": \"old\"}")), HttpStatusCode.BadRequest);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("$.age", out _), wrongType.ToString());
        var missing = await ProblemOf(await client.PostAsync("api/test/echo", Json("{\"age\": 30}")), HttpStatusCode.BadRequest);
        Assert.Contains("name", missing.GetProperty("errors").ToString());
    }

    [Fact]
    public async Task Validation_errors_are_listed_per_field()
    {
        using var client = Client();
        var problem = await ProblemOf(await client.PostAsync("api/test/echo", Json("{\"name\": \"far too long a name\", \"age\": 200}")),
            HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("age", out _));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var client = Client();
        var response = await client.PostAsync("api/test/echo", new StringContent("name=a", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal("unsupported-media-type", (await ProblemOf(response, HttpStatusCode.UnsupportedMediaType)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        using var client = Client();
        var response = await client.PostAsync("api/test/echo", Json($"{{\"name\": \"{new string('x', 70_000)}\", \"age\": 1}}"));
        Assert.Equal("request-too-large", (await ProblemOf(response, HttpStatusCode.RequestEntityTooLarge)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_without_internals_logged_with_the_correlation_id()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/test/throw");
        request.Headers.Add("x-correlation-id", "trace-me-42");
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var problem = await ProblemOf(response, HttpStatusCode.InternalServerError);
        Assert.Equal("internal-error", problem.GetProperty("code").GetString());
        Assert.Equal("trace-me-42", problem.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("secret-4711", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        await fixture.Process.WaitForOutputAsync("trace-me-42");
        Assert.Contains("secret-4711", fixture.Process.Output);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_are_problems_too()
    {
        using var client = Client();
        Assert.Equal("not-found", (await ProblemOf(await client.GetAsync("api/nothing-here"), HttpStatusCode.NotFound)).GetProperty("code").GetString());
        Assert.Equal("method-not-allowed",
            (await ProblemOf(await client.PutAsync("api/test/echo", Json("{}")), HttpStatusCode.MethodNotAllowed)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_admin_listing_names_every_function_and_trigger()
    {
        using var admin = Client(ApiRoles.Admin);
        var listing = await admin.GetFromJsonAsync<JsonElement>("api/admin/functions");
        var byName = listing.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);
        Assert.Equal("queueTrigger", byName["Record"].GetProperty("trigger").GetString());
        Assert.Contains(fixture.App.RecordQueue, byName["Record"].GetProperty("detail").GetString());
        Assert.Equal("timerTrigger", byName["Tick"].GetProperty("trigger").GetString());
        Assert.Contains("POST /api/test/echo", byName["Echo"].GetProperty("detail").GetString());
        Assert.Contains("Record: queueTrigger queue " + fixture.App.RecordQueue, fixture.Process.Output);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
        return problem;
    }
}
