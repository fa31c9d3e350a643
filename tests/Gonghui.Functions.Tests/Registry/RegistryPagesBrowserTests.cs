using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Functions.Pages;
using Gonghui.Functions.Tests.Browser;
using Gonghui.Functions.Tests.Relief.Functions;
using Microsoft.Playwright;

namespace Gonghui.Functions.Tests.Registry;

/// <summary>
/// Registry staff at the pages in headless Chromium, through the real app process on Azurite: sign in, search, open a
/// record, change its status, export; upload a CSV with errors and read the report, then a clean one and see its
/// records. Pages fit a phone's width, and no page shows a full national ID or phone number. Screenshots are saved.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class RegistryPagesBrowserTests(ReliefApp relief)
{
    private const string FullPhone = "13812345678";

    [Fact]
    public async Task Staff_on_a_phone_sign_in_search_open_a_record_change_its_status_and_export()
    {
        var city = RegistrySamples.NewCity();
        var region = RegistrySamples.District(city);
        var people = new[] { ("王建国", new DateOnly(1966, 4, 1)), ("王建华", new DateOnly(1971, 9, 9)), ("李秀英", new DateOnly(1975, 2, 3)) }
            .Select(p => RegistrySamples.Person(region, name: p.Item1, nationalId: RegistrySamples.NationalId(p.Item2))).ToList();
        using (var admin = relief.Client(ReliefApp.AdminKey))
        {
            foreach (var person in people)
                Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("api/registry/records", person)).StatusCode);
        }
        var secret = await RegistryStaffKeys.CreateAsync(relief, city);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Url(RegistryPageFunctions.SearchPath));
        Assert.Contains("/api/staff/sign-in", page.Url);
        Assert.Equal("员工登录", await page.InnerTextAsync("h1"));
        await HeadlessChromium.ScreenshotAsync(page, "staff-sign-in-phone");
        await page.FillAsync("#key", secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).TapAsync();
        await page.WaitForURLAsync(url => url.EndsWith(RegistryPageFunctions.SearchPath, StringComparison.Ordinal));
        Assert.Equal("劳模档案", await page.InnerTextAsync("h1"));
        var listed = await page.InnerTextAsync("table.list");
        Assert.All(people, p => Assert.Contains(p.Name!, listed));
        Assert.Contains(Functions.Privacy.NationalId.Mask(people[0].NationalId), listed);
        await AssertShowsNoPersonalNumbersAsync(page, people);
        Assert.True(await HeadlessChromium.FitsWidthAsync(page), "The search page scrolls sideways on a phone.");
        await HeadlessChromium.ScreenshotAsync(page, "registry-search-phone");

        await page.FillAsync("#name", "王");
        await page.SelectOptionAsync("#nameMatch", "prefix");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).TapAsync();
        await page.WaitForURLAsync(url => url.Contains("nameMatch=prefix", StringComparison.Ordinal));
        var found = await page.InnerTextAsync("table.list");
        Assert.Contains("王建国", found);
        Assert.Contains("王建华", found);
        Assert.DoesNotContain("李秀英", found);

        await page.GetByRole(AriaRole.Link, new() { Name = "王建国" }).TapAsync();
        await page.WaitForURLAsync(url => url.Contains("/records/", StringComparison.Ordinal));
        Assert.Equal("王建国", await page.InnerTextAsync("h1"));
        await AssertShowsNoPersonalNumbersAsync(page, people);

        // Revoked needs its date: left out, the form comes back with the message and what was typed.
        await page.SelectOptionAsync("#status", "revoked");
        await page.FillAsync("#reason", "经核查撤销称号");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存状态" }).TapAsync();
        await page.Locator("p.error").First.WaitForAsync();
        Assert.Contains("此项必填", await page.InnerTextAsync("form.fields"));
        Assert.Equal("经核查撤销称号", await page.InputValueAsync("#reason"));

        await page.FillAsync("#effectiveOn", "2025-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存状态" }).TapAsync();
        await page.WaitForURLAsync(url => url.Contains("statusChanged=1", StringComparison.Ordinal));
        var record = await page.InnerTextAsync("main");
        Assert.Contains("状态已更新", record);
        Assert.Contains("撤销（2025-06-30 起）：经核查撤销称号", record);
        var history = await page.InnerTextAsync("table.list >> nth=1");
        Assert.Contains("状态变更", history);
        Assert.Contains("经核查撤销称号", history);
        Assert.Contains("档案管理员", history);
        Assert.True(await HeadlessChromium.FitsWidthAsync(page), "The record page scrolls sideways on a phone.");
        await HeadlessChromium.ScreenshotAsync(page, "registry-record-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "← 返回搜索" }).TapAsync();
        await page.WaitForURLAsync(url => url.EndsWith(RegistryPageFunctions.SearchPath, StringComparison.Ordinal));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出 CSV" }).TapAsync());
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.All(people, p => Assert.Contains(p.Name!, csv));
        Assert.All(people, p => Assert.DoesNotContain(p.NationalId!, csv));
        Assert.DoesNotContain(FullPhone, csv);
    }

    [Fact]
    public async Task Staff_upload_a_csv_with_errors_read_the_report_then_import_a_clean_one_and_see_its_records()
    {
        var city = RegistrySamples.NewCity();
        var region = RegistrySamples.District(city);
        var ids = new[] { RegistrySamples.NationalId(new DateOnly(1963, 3, 3)), RegistrySamples.NationalId(new DateOnly(1969, 6, 6)) };
        var broken = RegistryCsv.Text(
            RegistryCsv.Row("孙立平", ids[0], region, year: "1800"),
            RegistryCsv.Row("", ids[1], region, award: "优秀员工"),
            RegistryCsv.Row("周建华", ids[1][..17] + (ids[1][17] == '0' ? '1' : '0'), "65xx01"));
        var clean = RegistryCsv.Text(RegistryCsv.Row("孙立平", ids[0], region), RegistryCsv.Row("周建华", ids[1], region, award: "全国五一劳动奖章"));
        var secret = await RegistryStaffKeys.CreateAsync(relief, city);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewDesktopPageAsync();
        await page.GotoAsync(Url(RegistryPageFunctions.ImportPath));
        await page.FillAsync("#key", secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(RegistryPageFunctions.ImportPath, StringComparison.Ordinal));

        await page.SetInputFilesAsync("#file", new FilePayload { Name = "错误名单.csv", MimeType = "text/csv", Buffer = RegistryCsv.Utf8(broken, bom: true) });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await page.Locator("p.alert").WaitForAsync();
        Assert.Contains("未写入任何记录", await page.InnerTextAsync("p.alert"));
        var rows = await page.Locator("table.list tbody tr").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.StartsWith("2\t") && r.Contains("获得年份") && r.Contains("registry.year_out_of_range") && r.Contains("年份不在有效范围内"));
        Assert.Contains(rows, r => r.StartsWith("3\t") && r.Contains("姓名") && r.Contains("registry.required"));
        Assert.Contains(rows, r => r.StartsWith("3\t") && r.Contains("荣誉称号") && r.Contains("registry.unknown_award"));
        Assert.Contains(rows, r => r.StartsWith("4\t") && r.Contains("身份证号") && r.Contains("registry.national_id_check_digit"));
        Assert.Contains(rows, r => r.StartsWith("4\t") && r.Contains("地区代码") && r.Contains("registry.invalid_region"));
        await AssertShowsNoFullIdsAsync(page, ids);
        using (var admin = relief.Client(ReliefApp.AdminKey))
            Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"api/registry/records?region={city}")).GetProperty("items").GetArrayLength());
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await HeadlessChromium.FitsWidthAsync(page), "The import report scrolls sideways on a phone.");
        await HeadlessChromium.ScreenshotAsync(page, "registry-import-errors-phone");
        await page.SetViewportSizeAsync(1280, 800);

        await page.SetInputFilesAsync("#file", new FilePayload { Name = "名单.csv", MimeType = "text/csv", Buffer = RegistryCsv.Utf8(clean, bom: true) });
        await page.GetByRole(AriaRole.Button, new() { Name = "检查文件（不写入）" }).ClickAsync();
        await page.GetByText("检查通过").WaitForAsync();
        Assert.Contains("检查通过", await page.InnerTextAsync("p.ok"));
        using (var admin = relief.Client(ReliefApp.AdminKey))
            Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"api/registry/records?region={city}")).GetProperty("items").GetArrayLength());

        await page.SetInputFilesAsync("#file", new FilePayload { Name = "名单.csv", MimeType = "text/csv", Buffer = RegistryCsv.Utf8(clean, bom: true) });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await page.GetByText("导入完成").WaitForAsync();
        Assert.Contains("导入完成", await page.InnerTextAsync("p.ok"));
        Assert.Contains("新增 2 条", await page.InnerTextAsync("p.ok"));
        var imported = await page.InnerTextAsync("table.list");
        Assert.Contains("孙立平", imported);
        Assert.Contains("周建华", imported);
        await AssertShowsNoFullIdsAsync(page, ids);
        await HeadlessChromium.ScreenshotAsync(page, "registry-import-done-desktop");

        await page.GotoAsync(Url(RegistryPageFunctions.SearchPath + "?region=" + region));
        Assert.True(await HeadlessChromium.FitsWidthAsync(page), "The search page scrolls sideways on a desktop.");
        await HeadlessChromium.ScreenshotAsync(page, "registry-search-desktop");
        await page.GetByRole(AriaRole.Link, new() { Name = "周建华" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/records/", StringComparison.Ordinal));
        Assert.Contains("导入文件 名单.csv", await page.InnerTextAsync("main"));
        Assert.Contains("全国五一劳动奖章", await page.InnerTextAsync("main"));
    }

    private string Url(string path) => new Uri(relief.App.BaseAddress, path).ToString();

    private static Task AssertShowsNoPersonalNumbersAsync(IPage page, IEnumerable<RegistryRecordInput> people) =>
        AssertShowsNoFullIdsAsync(page, people.Select(p => p.NationalId!), FullPhone);

    /// <summary>The page's HTML (not only its text) holds none of these numbers in full.</summary>
    private static async Task AssertShowsNoFullIdsAsync(IPage page, IEnumerable<string> nationalIds, string? phone = FullPhone)
    {
        var html = await page.ContentAsync();
        Assert.All(nationalIds, id => Assert.DoesNotContain(id, html));
        if (phone is not null) Assert.DoesNotContain(phone, html);
    }
}
