using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Registry.Functions.Pages;
using Gonghui.Functions.StaffPages;
using Gonghui.Functions.Tests.Relief.Functions;
using Gonghui.Functions.Tests.StaffPages;

namespace Gonghui.Functions.Tests.Registry;

/// <summary>
/// The registry's staff pages over HTTP through the real app process: a status form posted without its session's token,
/// with another session's token or from another site is refused (403 page) and changes nothing; bad filters show the
/// form again with Chinese messages; a key of another role sees a refusal; another region's record is not shown.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class RegistryPagesHttpTests(ReliefApp relief)
{
    [Fact]
    public async Task A_status_change_without_the_session_s_form_token_or_from_another_site_is_refused_and_changes_nothing()
    {
        var city = RegistrySamples.NewCity();
        var id = await CreateRecordAsync(city);
        using var browser = await SignedInAsync(city);
        using var other = await SignedInAsync(city);
        var (_, page) = await browser.GetPageAsync(RegistryPageFunctions.RecordPath(id));
        var (_, otherPage) = await other.GetPageAsync(RegistryPageFunctions.RecordPath(id));
        var change = new Dictionary<string, string> { ["status"] = "revoked", ["effectiveOn"] = "2025-06-30", ["reason"] = "伪造的请求" };

        var attempts = new (string What, Dictionary<string, string> Fields, Action<HttpRequestMessage>? Adjust)[]
        {
            ("no token", change, null),
            ("a wrong token", new(change) { [StaffPageGate.FormTokenField] = "forged" }, null),
            ("another session's token", new(change) { [StaffPageGate.FormTokenField] = StaffPageClient.FormToken(otherPage) }, null),
            ("a cross-site Origin", new(change) { [StaffPageGate.FormTokenField] = StaffPageClient.FormToken(page) },
                r => r.Headers.Add("Origin", "https://evil.example")),
            ("Sec-Fetch-Site cross-site", new(change) { [StaffPageGate.FormTokenField] = StaffPageClient.FormToken(page) },
                r => r.Headers.Add("Sec-Fetch-Site", "cross-site")),
        };
        foreach (var (what, fields, adjust) in attempts)
        {
            using var refused = await browser.PostAsync(RegistryPageFunctions.StatusPath(id), fields, adjust);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)refused.StatusCode}");
            Assert.Contains("提交未通过安全校验", await refused.Content.ReadAsStringAsync());
        }

        using var admin = relief.Client(ReliefApp.AdminKey);
        var record = await admin.GetFromJsonAsync<JsonElement>($"api/registry/records/{id}");
        Assert.Equal(1, record.GetProperty("history").GetArrayLength());
        Assert.Equal("active", record.GetProperty("record").GetProperty("standing").GetProperty("status").GetString());

        using var accepted = await browser.PostAsync(RegistryPageFunctions.StatusPath(id),
            new(change) { [StaffPageGate.FormTokenField] = StaffPageClient.FormToken(page), ["reason"] = "经核查撤销称号" });
        accepted.EnsureRedirectTo(RegistryPageFunctions.RecordPath(id) + "?statusChanged=1");
    }

    [Fact]
    public async Task Bad_filters_and_a_bad_status_change_show_the_form_again_with_chinese_messages()
    {
        var city = RegistrySamples.NewCity();
        var id = await CreateRecordAsync(city);
        using var browser = await SignedInAsync(city);

        var (status, search) = await browser.GetPageAsync(RegistryPageFunctions.SearchPath + "?year=abc&region=12&status=unknown");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("年份不在有效范围内", search);
        Assert.Contains("地区代码应为 6 位行政区划代码", search);
        Assert.Contains("状态应为", search);
        Assert.Contains("value=\"abc\"", search);

        var (_, page) = await browser.GetPageAsync(RegistryPageFunctions.RecordPath(id));
        using var invalid = await browser.PostAsync(RegistryPageFunctions.StatusPath(id), new()
        {
            [StaffPageGate.FormTokenField] = StaffPageClient.FormToken(page), ["status"] = "deceased", ["effectiveOn"] = "2999-01-01", ["reason"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var shown = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("日期不能晚于今天", shown);
        Assert.Contains("此项必填", shown);
        Assert.Contains("value=\"2999-01-01\"", shown);
    }

    [Fact]
    public async Task Another_region_s_record_and_another_role_are_refused_with_a_page()
    {
        var city = RegistrySamples.NewCity();
        var elsewhere = await CreateRecordAsync(RegistrySamples.NewCity());
        using var browser = await SignedInAsync(city);
        var (status, html) = await browser.GetPageAsync(RegistryPageFunctions.RecordPath(elsewhere));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("不在您所辖地区内", html);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetPageAsync(RegistryPageFunctions.RecordPath("mw-0000"))).Status);

        using var operatorBrowser = new StaffPageClient(relief.App.BaseAddress);
        (await operatorBrowser.SignInAsync(ReliefApp.OperatorKey)).EnsureRedirectTo(StaffHomeFunction.Path);
        var (refused, refusal) = await operatorBrowser.GetPageAsync(RegistryPageFunctions.SearchPath);
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Contains("无权使用此页面", refusal);
        Assert.DoesNotContain("劳模档案", (await operatorBrowser.GetPageAsync(StaffHomeFunction.Path)).Html);
    }

    private async Task<StaffPageClient> SignedInAsync(string region)
    {
        var browser = new StaffPageClient(relief.App.BaseAddress);
        (await browser.SignInAsync(await RegistryStaffKeys.CreateAsync(relief, region))).EnsureRedirectTo(StaffHomeFunction.Path);
        return browser;
    }

    private async Task<string> CreateRecordAsync(string city)
    {
        using var admin = relief.Client(ReliefApp.AdminKey);
        using var created = await admin.PostAsJsonAsync("api/registry/records", RegistrySamples.Person(RegistrySamples.District(city)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
