using Gonghui.Functions.Tests.Browser;
using Microsoft.Playwright;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>The public notice on a phone in headless Chromium: the list, an objection with its reference number, the rate limit's page.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class PublicNoticeBrowserTests(NominationsApp app)
{
    [Fact]
    public async Task A_reader_on_a_phone_sees_the_list_without_personal_data_files_an_objection_and_meets_the_limit_as_a_friendly_page()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateNoticeCampaignAsync(noticeWorkingDays: 30, []);
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var id = await app.NominateSelectedAsync(nominator, campaign.CampaignId, 331);
        await app.NominateSelectedAsync(nominator, campaign.CampaignId, 332, "technical_staff");
        (await app.PublishAsync(campaign.CampaignId)).Dispose();
        var url = new Uri(app.App.BaseAddress, $"api/notice/{campaign.CampaignId}").ToString();

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPhonePageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [NominationsApp.NoticeClientAddressHeader] = "10.5.0.1" });
        var opened = await page.GotoAsync(url);
        Assert.Equal(200, opened!.Status);
        Assert.Equal("2026 年山东省五一劳动奖章评选拟表彰对象公示", await page.InnerTextAsync("h1"));
        var shown = await page.InnerTextAsync("body");
        Assert.Contains("王建国", shown);
        Assert.Contains("公示期", shown);
        Assert.Contains("如何提出异议", shown);
        Assert.Empty(NominationsApp.PersonalDataIn(await page.ContentAsync()));
        Assert.True(await HeadlessChromium.FitsWidthAsync(page), "The notice page scrolls sideways on a phone.");
        await HeadlessChromium.ScreenshotAsync(page, "public-notice");

        await page.SelectOptionAsync("#nominationId", id);
        await page.FillAsync("#name", "周九");
        await page.FillAsync("#contact", "13700004444");
        await page.FillAsync("#text", "该同志所在班组的技术革新项目另有主持人。");
        // Wait for the answer to the POST: the page before it is loaded already, so a load-state wait alone can read it.
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).TapAsync(),
            response => response.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        Assert.Equal("异议已收到", await page.InnerTextAsync("h1"));
        var reference = await page.InnerTextAsync("#reference");
        Assert.Matches(@"^YY\d{6}-[2-9A-Z]{6}$", reference);
        Assert.DoesNotContain("13700004444", await page.ContentAsync());
        await HeadlessChromium.ScreenshotAsync(page, "public-notice-objection-received");

        // The same contact twice more, then once too many.
        for (var i = 0; i < 2; i++)
            (await app.ObjectAsync(campaign.CampaignId, id, "周九", "13700004444", "补充线索。", "10.5.0.2")).Dispose();
        await page.GotoAsync(url);
        await page.FillAsync("#name", "周九");
        await page.FillAsync("#contact", "13700004444");
        await page.FillAsync("#text", "再次补充。");
        var answer = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).TapAsync(),
            response => response.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        Assert.Equal(429, answer.Status);
        Assert.Equal("提交过于频繁，请稍后再试", await page.InnerTextAsync("h1"));
        Assert.True(await HeadlessChromium.FitsWidthAsync(page));
        await HeadlessChromium.ScreenshotAsync(page, "public-notice-rate-limited");
    }
}
