using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Gonghui.Functions.Security;
using Gonghui.Functions.StaffPages;
using Gonghui.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gonghui.Functions.Tests.Worker;

/// <summary>
/// App Service authentication ("Easy Auth"): with Gonghui:Auth:AppServiceAuthentication on, the X-MS-CLIENT-PRINCIPAL
/// header admits by the principal's app roles and names the caller; off, the header is ignored. Through the one
/// access check every HTTP function goes through (<see cref="ApiAccessMiddleware"/>). The principal paths never read
/// the key store, so its storage is named but not started; the API-key path runs on Azurite.
/// </summary>
public sealed class AppServiceAuthenticationTests
{
    private static readonly HttpFunction DecideByApi = AppFunctions.Http.Single(f => f.Name == "ApprovalDecide");
    private static readonly HttpFunction ListPending = AppFunctions.Http.Single(f => f.Name == "ApprovalListPending");
    private static readonly HttpFunction RegistrySearchPage = AppFunctions.Http.Single(f => f.Name == "RegistryPageSearch");

    [Fact]
    public async Task A_staff_page_admits_the_signed_in_principal_by_its_app_role()
    {
        var (http, ran) = await InvokeAsync(RegistrySearchPage, trust: true, Principal("档案科 李娜", "registry"));
        Assert.True(ran);
        Assert.Equal("档案科 李娜", http.GetStaffSession().Caller.Name);
        Assert.False(http.GetStaffSession().SignedInWithKey);
        Assert.Equal(ApiRoles.Registry, http.GetApiCaller()!.Role);
    }

    [Fact]
    public async Task Without_the_setting_a_staff_page_sends_the_principal_to_the_sign_in_form()
    {
        var (http, ran) = await InvokeAsync(RegistrySearchPage, trust: false, Principal("档案科 李娜", "registry"));
        Assert.False(ran);
        Assert.Equal(302, http.Response.StatusCode);
        Assert.StartsWith(StaffSignInFunctions.Path, http.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task The_principal_is_admitted_by_its_app_role_and_is_the_caller()
    {
        var (http, ran) = await InvokeAsync(ListPending, trust: true, Principal("王主任", "Approver", "unrelated-role"));
        Assert.True(ran);
        var caller = http.GetApiCaller()!;
        Assert.Equal("王主任", caller.Name);
        Assert.Equal(ApiRoles.Approver, caller.Role);
        Assert.Null(caller.Unit);
    }

    [Fact]
    public async Task A_principal_without_an_admitted_role_is_refused_403()
    {
        var (http, ran) = await InvokeAsync(DecideByApi, trust: true, Principal("张三", "operator"));
        Assert.False(ran);
        Assert.Equal(403, http.Response.StatusCode);
        Assert.Equal("role_not_allowed", await ProblemCodeAsync(http));
        Assert.Null(http.GetApiCaller());
    }

    [Fact]
    public async Task The_header_is_ignored_when_the_setting_is_off()
    {
        var (http, ran) = await InvokeAsync(ListPending, trust: false, Principal("王主任", "approver"));
        Assert.False(ran);
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("key_required", await ProblemCodeAsync(http));
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("eyJub3QiOiAiYSBwcmluY2lwYWwifQ==")] // {"not": "a principal"}
    public async Task A_malformed_header_is_refused_401(string header)
    {
        var (http, ran) = await InvokeAsync(ListPending, trust: true, header);
        Assert.False(ran);
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("principal_invalid", await ProblemCodeAsync(http));
    }

    [Fact]
    public async Task A_principal_that_names_nobody_is_refused_401()
    {
        var (http, _) = await InvokeAsync(ListPending, trust: true, Principal("", "approver"));
        Assert.Equal(401, http.Response.StatusCode);
    }

    [Fact]
    public async Task An_api_key_still_decides_when_the_setting_is_on()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var keys = new ApiKeyStore(azurite.CreateTableServiceClient(), TimeProvider.System);
        var approver = await keys.CreateAsync("key approver", ApiRoles.Approver);
        var (http, ran) = await InvokeAsync(ListPending, trust: true, Principal("张三", "operator"), keys, approver.Secret);
        Assert.True(ran);
        Assert.Equal(approver.Key.Id, http.GetApiCaller()!.KeyId);
    }

    [Fact]
    public void The_role_claim_type_comes_from_the_header()
    {
        var json = JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims = new[]
            {
                new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", val = "li@example.cn" },
                new { typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val = "admin" },
                new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = "0000-1111" },
                new { typ = "roles", val = "operator" }, // not the role type this principal declares
            },
        });
        var principal = AppServicePrincipal.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)))!;
        Assert.Equal(ApiRoles.Admin, principal.AppRoles);
        Assert.Equal("principal:0000-1111", principal.ToCaller().KeyId);
        Assert.Equal("li@example.cn", principal.ToCaller().Name);
    }

    private static async Task<(HttpContext Http, bool Ran)> InvokeAsync(HttpFunction function, bool trust, string principalHeader,
        ApiKeyStore? keys = null, string? apiKey = null)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        keys ??= new ApiKeyStore(new TableServiceClient("UseDevelopmentStorage=true"), TimeProvider.System);
        var settings = new StaffPagesSettings(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StaffPagesSettings.SessionKeySetting] = Convert.ToBase64String(new byte[32]),
            [ApiKeyAuthorizer.AppServiceAuthenticationSetting] = trust ? "true" : "false",
        }).Build());
        var staffPages = new StaffPageGate(new StaffSessions(keys, settings, TimeProvider.System), settings, NullLogger<StaffPageGate>.Instance);
        var middleware = new ApiAccessMiddleware(new ApiKeyAuthorizer(keys, trustAppServicePrincipal: trust), staffPages);
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Path = "/" + function.Route;
        http.Request.Headers[AppServicePrincipal.HeaderName] = principalHeader;
        if (apiKey is not null)
            http.Request.Headers[ApiKeyAuthorizer.HeaderName] = apiKey;
        http.Response.Body = new MemoryStream();
        var ran = false;
        await middleware.Invoke(new TestFunctionContext(function, http, services), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        return (http, ran);
    }

    private static async Task<string?> ProblemCodeAsync(HttpContext http)
    {
        Assert.Equal("application/problem+json", http.Response.ContentType);
        http.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(http.Response.Body);
        return problem.RootElement.GetProperty("code").GetString();
    }

    private static string Principal(string name, params string[] roles)
    {
        var claims = new List<object> { new { typ = "name", val = name } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
