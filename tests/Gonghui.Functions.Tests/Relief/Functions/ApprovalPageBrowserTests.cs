using Gonghui.Functions.Approvals;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Tests.Browser;
using Microsoft.Playwright;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>An approver opens the e-mailed link on a phone in a real browser and taps a decision.</summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ApprovalPageBrowserTests(ReliefApp relief)
{
    private const string Region = "110125";

    [Fact]
    public async Task An_approver_on_a_phone_opens_the_mailed_link_taps_approve_and_the_application_is_paid()
    {
        await relief.PrepareRegionAsync(Region, "50000.00");
        var request = ReliefApp.Request(Region, person: 62, amount: "3000.00");
        var applicationId = await relief.SubmitAsync(request);
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);
        var mail = await relief.WaitForApprovalMailAsync(applicationId, district.Email);
        var link = new Uri(relief.App.BaseAddress, $"api/approvals/{ReliefApp.TokenIn(mail)}").ToString();

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPhonePageAsync();
        var opened = await page.GotoAsync(link);
        Assert.Equal(200, opened!.Status);
        var shown = await page.InnerTextAsync("body");
        Assert.Contains(NationalId.Mask(request.Applicant!.NationalId), shown);
        Assert.DoesNotContain(request.Applicant.NationalId!, shown);
        Assert.DoesNotContain(request.Applicant.Phone!, shown);
        Assert.True(await HeadlessChromium.FitsWidthAsync(page), "The confirmation page scrolls sideways on a phone.");
        await HeadlessChromium.ScreenshotAsync(page, "relief-approval-confirmation");

        await page.FillAsync("#comment", "情况属实，同意救助");
        // Wait for the answer to the POST: the confirmation page is loaded already, so a load-state wait alone can read it.
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "同意" }).TapAsync(),
            response => response.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        await HeadlessChromium.ScreenshotAsync(page, "relief-approval-submitted");
        Assert.Equal("审批意见已提交", await page.InnerTextAsync("h1"));

        var paid = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "paid"));
        Assert.Equal("情况属实，同意救助", paid.GetProperty("decisions")[0].GetProperty("comment").GetString());

        // Opening the link again (the mail is still in the inbox) shows that it was dealt with.
        var again = await chromium.NewPhonePageAsync();
        await again.GotoAsync(link);
        Assert.Contains("该事项已处理", await again.InnerTextAsync("body"));
        Assert.Empty(await again.QuerySelectorAllAsync("form"));
    }
}
