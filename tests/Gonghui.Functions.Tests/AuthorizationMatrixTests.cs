using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gonghui.Functions.Hotline;
using Gonghui.Functions.Security;
using Gonghui.Functions.StaffPages;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests;

/// <summary>
/// Every HTTP function of the real function app, called through its process by every role, without a key, with an
/// unknown key and with a revoked key: the host refuses exactly the roles a function does not declare
/// (403 role-not-allowed) and every call without a valid key (401), as declared by [ApiAccess] and [PublicAccess]. An admitted role may still be refused by the
/// capability itself (a handler outside the ticket's unit), but never with the host's codes. Staff pages ([StaffPage])
/// open only to a signed-in session: an API key in the header sends the caller to the sign-in page like no key at all.
/// </summary>
public sealed partial class AuthorizationMatrixTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<HttpFunction> HttpFunctions = AppFunctions.Http;

    private readonly Dictionary<ApiRoles, string> _keys = ApiRoleNames.All.ToDictionary(r => r, r => $"matrix-{ApiRoleNames.Name(r)}-{Guid.NewGuid():N}");
    private readonly string _revokedKey = "matrix-revoked-" + Guid.NewGuid().ToString("N");
    private AzuriteServer _azurite = null!;
    private FunctionAppProcess _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var keys = new ApiKeyStore(_azurite.CreateTableServiceClient(), TimeProvider.System);
        foreach (var (role, secret) in _keys)
            await keys.SeedAsync(secret, "matrix " + ApiRoleNames.Name(role), role);
        var revoked = await keys.SeedAsync(_revokedKey, "matrix revoked admin", ApiRoles.Admin);
        await keys.RevokeAsync(revoked.Id);
        var hashKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        _app = await FunctionAppProcess.StartAsync(FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions"), new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            [HotlineServiceCollectionExtensions.PhoneHashKeySetting] = hashKey,
            ["Gonghui:Relief:NationalIdHashKey"] = hashKey,
            ["Gonghui:Approvals:LinkKeys"] = "matrix:" + hashKey,
            ["Gonghui:Approvals:ActiveKeyId"] = "matrix",
            ["Gonghui:Smtp:Port"] = FreePort.Next().ToString(),
            [StaffPagesSettings.SessionKeySetting] = hashKey,
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Every_function_of_the_app_admits_exactly_its_roles()
    {
        Assert.Contains(HttpFunctions, f => f.Name == "KeysCreate");
        Assert.Contains(HttpFunctions, f => f.Name == "HotlineTicketAction");
        Assert.Contains(HttpFunctions, f => f.Name == "ReliefSubmitApplication");
        var failures = new List<string>();
        foreach (var function in HttpFunctions.Where(f => f.Access.Kind != FunctionAccessKind.StaffPage))
        {
            var admittedRoles = function.Admitted;
            foreach (var role in ApiRoleNames.All)
            {
                var (status, code) = await CallAsync(function, _keys[role]);
                var admitted = admittedRoles is not { } roles || roles.HasFlag(role);
                var refusedByHost = code is "role_not_allowed" or "key_required" or "key_invalid";
                if (admitted ? refusedByHost : status != HttpStatusCode.Forbidden || code != "role_not_allowed")
                    failures.Add($"{function.Name} as {ApiRoleNames.Name(role)}: {(int)status} {code}");
            }
            if (admittedRoles is null)
                continue;
            foreach (var (what, key) in new[] { ("no key", (string?)null), ("an unknown key", "not-a-key"), ("a revoked key", _revokedKey) })
            {
                var (status, _) = await CallAsync(function, key);
                if (status != HttpStatusCode.Unauthorized)
                    failures.Add($"{function.Name} with {what}: {(int)status}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task An_api_key_opens_no_staff_page_without_signing_in()
    {
        var pages = HttpFunctions.Where(f => f.Access.Kind == FunctionAccessKind.StaffPage).ToList();
        Assert.Contains(pages, f => f.Name == "RegistryPageSearch");
        var failures = new List<string>();
        foreach (var function in pages)
        {
            foreach (var key in _keys.Values.Append(null))
            {
                using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
                if (key is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthorizer.HeaderName, key);
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(function.HttpMethod), RouteParameter().Replace(function.Route, "1")));
                if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.StartsWith(StaffSignInFunctions.Path) != true)
                    failures.Add($"{function.Name} with {(key is null ? "no key" : "a key")}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.Empty(failures);
    }

    private async Task<(HttpStatusCode Status, string? Code)> CallAsync(HttpFunction function, string? key)
    {
        var path = RouteParameter().Replace(function.Route, "1");
        using var request = new HttpRequestMessage(new HttpMethod(function.HttpMethod), path);
        using var client = _app.CreateClient(key);
        using var response = await client.SendAsync(request);
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        return (response.StatusCode, code);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
