using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Registry.Functions.Pages;
using Gonghui.Functions.StaffPages;
using Gonghui.Functions.Tests.Registry;
using Gonghui.Functions.Tests.Relief.Functions;

namespace Gonghui.Functions.Tests.StaffPages;

/// <summary>
/// Staff sign-in through the real app process on Azurite: a visitor is sent to sign in and back, a wrong or revoked key
/// is refused with a Chinese message, the session cookie is HttpOnly, SameSite=Strict and does not carry the key,
/// opens no JSON API, stops with the key's revocation, and signing out ends it in the browser.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class StaffSignInTests(ReliefApp relief)
{
    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_back_to_the_page_asked_for()
    {
        using var browser = new StaffPageClient(relief.App.BaseAddress);
        using var asked = await browser.GetAsync(RegistryPageFunctions.SearchPath + "?status=active");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var signIn = asked.Headers.Location!.OriginalString;
        Assert.Equal(StaffSignInFunctions.PathFor("/api/staff/registry?status=active"), signIn);

        var (status, form) = await browser.GetPageAsync(signIn);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("员工登录", form);
        Assert.Contains("访问密钥", form);

        var secret = await RegistryStaffKeys.CreateAsync(relief, RegistrySamples.NewCity());
        using var signedIn = await browser.PostAsync(StaffSignInFunctions.Path, new() { ["key"] = secret, ["returnUrl"] = "/api/staff/registry?status=active" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/api/staff/registry?status=active", signedIn.Headers.Location!.OriginalString);
        var setCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(StaffSessionCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(secret, setCookie);

        var (pageStatus, page) = await browser.GetPageAsync("/api/staff/registry?status=active");
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        Assert.Contains("<h1>劳模档案</h1>", page);
    }

    [Fact]
    public async Task Only_a_staff_page_is_a_place_to_return_to()
    {
        using var browser = new StaffPageClient(relief.App.BaseAddress);
        var secret = await RegistryStaffKeys.CreateAsync(relief, RegistrySamples.NewCity());
        foreach (var elsewhere in new[] { "https://evil.example/", "//evil.example/api/staff", "/api/registry/records" })
        {
            using var signedIn = await browser.PostAsync(StaffSignInFunctions.Path, new() { ["key"] = secret, ["returnUrl"] = elsewhere });
            Assert.Equal(StaffHomeFunction.Path, signedIn.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_wrong_revoked_or_missing_key_shows_the_form_again_with_a_chinese_message()
    {
        using var browser = new StaffPageClient(relief.App.BaseAddress);
        using var wrong = await browser.SignInAsync("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("访问密钥无效或已停用", await wrong.Content.ReadAsStringAsync());
        Assert.Null(browser.SessionCookie);

        using var empty = await browser.SignInAsync("  ");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请输入访问密钥", await empty.Content.ReadAsStringAsync());

        var (keyId, secret) = await NewKeyAsync();
        using var admin = relief.Client(ReliefApp.AdminKey);
        (await admin.DeleteAsync($"api/keys/{keyId}")).EnsureSuccessStatusCode();
        using var revoked = await browser.SignInAsync(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task A_session_ends_when_its_key_is_revoked()
    {
        using var browser = new StaffPageClient(relief.App.BaseAddress);
        var (keyId, secret) = await NewKeyAsync();
        (await browser.SignInAsync(secret)).EnsureRedirectTo(StaffHomeFunction.Path);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetPageAsync(RegistryPageFunctions.SearchPath)).Status);

        using var admin = relief.Client(ReliefApp.AdminKey);
        (await admin.DeleteAsync($"api/keys/{keyId}")).EnsureSuccessStatusCode();
        using var after = await browser.GetAsync(RegistryPageFunctions.SearchPath);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_opens_no_json_api()
    {
        using var browser = new StaffPageClient(relief.App.BaseAddress);
        var (_, secret) = await NewKeyAsync();
        (await browser.SignInAsync(secret)).EnsureRedirectTo(StaffHomeFunction.Path);
        Assert.NotNull(browser.SessionCookie);

        using var api = await browser.GetAsync("api/registry/records");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("key_required", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Signing_out_removes_the_session_from_the_browser()
    {
        using var browser = new StaffPageClient(relief.App.BaseAddress);
        var (_, secret) = await NewKeyAsync();
        (await browser.SignInAsync(secret)).EnsureRedirectTo(StaffHomeFunction.Path);
        var (_, home) = await browser.GetPageAsync(StaffHomeFunction.Path);
        Assert.Contains("劳模档案", home);

        using var withoutToken = await browser.PostAsync(StaffSignInFunctions.SignOutPath, new());
        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        using var signedOut = await browser.PostAsync(StaffSignInFunctions.SignOutPath, new() { [StaffPageGate.FormTokenField] = StaffPageClient.FormToken(home) });
        signedOut.EnsureRedirectTo(StaffSignInFunctions.Path + "?signedOut=1");
        Assert.Null(browser.SessionCookie);
        Assert.Contains("您已退出登录", (await browser.GetPageAsync(StaffSignInFunctions.Path + "?signedOut=1")).Html);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(StaffHomeFunction.Path)).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_posted_from_another_site_is_refused()
    {
        using var browser = new StaffPageClient(relief.App.BaseAddress);
        var (_, secret) = await NewKeyAsync();
        using var refused = await browser.PostAsync(StaffSignInFunctions.Path, new() { ["key"] = secret },
            request => request.Headers.Add("Sec-Fetch-Site", "cross-site"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(browser.SessionCookie);
    }

    private async Task<(string Id, string Secret)> NewKeyAsync()
    {
        using var admin = relief.Client(ReliefApp.AdminKey);
        using var created = await admin.PostAsJsonAsync("api/keys", new { name = "档案员", role = "registry", region = RegistrySamples.NewCity() });
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (key.GetProperty("id").GetString()!, key.GetProperty("secret").GetString()!);
    }
}

internal static class RedirectAssertions
{
    public static void EnsureRedirectTo(this HttpResponseMessage response, string location)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(location, response.Headers.Location!.OriginalString);
        }
    }
}
