using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Http;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;

namespace Gonghui.Hosting.Tests;

/// <summary>
/// Every HTTP function of the test app and of the host itself, called by every role, without a key, with an unknown
/// key and with a revoked key, against the real app process: admitted callers never get 401/403, others always do.
/// </summary>
public sealed class AuthorizationMatrixTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private static readonly IReadOnlyList<FunctionDescriptor> HttpFunctions =
        FunctionCatalog.Discover(TestApp.Assembly, typeof(FunctionsApplication).Assembly).WithTrigger<HttpTriggerAttribute>().ToList();

    [Fact]
    public async Task Every_function_admits_exactly_its_roles()
    {
        Assert.Contains(HttpFunctions, f => f.Name == "AdminKeysCreate");
        Assert.Contains(HttpFunctions, f => f.Name == "Approve");
        var failures = new List<string>();
        foreach (var function in HttpFunctions)
        {
            var trigger = function.TriggerAs<HttpTriggerAttribute>();
            foreach (var role in ApiRoleNames.All)
            {
                var status = await CallAsync(function, fixture.App.Keys[role]);
                var admitted = trigger.Anonymous || trigger.Roles.HasFlag(role);
                if (admitted ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden)
                    failures.Add($"{function.Name} as {ApiRoleNames.Name(role)}: {(int)status}");
            }
            var withoutKey = await CallAsync(function, key: null);
            if (trigger.Anonymous ? withoutKey == HttpStatusCode.Unauthorized : withoutKey != HttpStatusCode.Unauthorized)
                failures.Add($"{function.Name} without a key: {(int)withoutKey}");
            var unknownKey = await CallAsync(function, "not-a-key");
            if (!trigger.Anonymous && unknownKey != HttpStatusCode.Unauthorized)
                failures.Add($"{function.Name} with an unknown key: {(int)unknownKey}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_everywhere_a_key_is_needed()
    {
        using var admin = fixture.Process.CreateClient(fixture.App.Keys[ApiRoles.Admin]);
        var created = await (await admin.PostAsJsonAsync("api/admin/keys", new { name = "soon revoked", role = "admin" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await CallAsync(HttpFunctions.Single(f => f.Name == "AdminKeysList"), secret));

        var revoke = await admin.DeleteAsync($"api/admin/keys/{created.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.NotNull((await revoke.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revokedAt").GetString());

        foreach (var function in HttpFunctions)
        {
            var status = await CallAsync(function, secret);
            if (function.TriggerAs<HttpTriggerAttribute>().Anonymous)
                Assert.NotEqual(HttpStatusCode.Unauthorized, status);
            else
                Assert.True(status == HttpStatusCode.Unauthorized, $"{function.Name} with a revoked key: {(int)status}");
        }
    }

    private async Task<HttpStatusCode> CallAsync(FunctionDescriptor function, string? key)
    {
        var trigger = function.TriggerAs<HttpTriggerAttribute>();
        var path = HttpFunctionEndpoints.RoutePattern(new HttpOptions(), function).TrimStart('/').Replace("{id}", "matrix");
        using var request = new HttpRequestMessage(new HttpMethod(trigger.Methods.FirstOrDefault() ?? "GET"), path);
        if (key is not null)
            request.Headers.Add(ApiKeyAuthorizer.HeaderName, key);
        using var client = fixture.Process.CreateClient();
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
