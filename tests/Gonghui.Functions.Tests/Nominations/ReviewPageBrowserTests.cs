using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Tests.Browser;
using Microsoft.Playwright;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>A county reviewer opens the e-mailed review link on a phone in a real browser and approves.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class ReviewPageBrowserTests(NominationsApp app)
{
    [Fact]
    public async Task A_reviewer_on_a_phone_opens_the_mailed_link_reads_the_masked_nomination_and_taps_approve()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var content = await NominationsApp.CompleteAsync(nominator, 51);
        var id = await NominationsApp.CreateDraftAsync(nominator, campaign.CampaignId, content);
        (await NominationsApp.SubmitAsync(nominator, campaign.CampaignId, id)).Dispose();
        var mail = await app.WaitForReviewMailAsync(id, ReviewLevel.County);
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "county"));
        var link = new Uri(app.App.BaseAddress, $"api/nominations/review/{NominationsApp.TokenIn(mail)}").ToString();

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPhonePageAsync();
        var opened = await page.GotoAsync(link);
        Assert.Equal(200, opened!.Status);
        var shown = await page.InnerTextAsync("body");
        Assert.Contains(NationalId.Mask(content.Nominee!.NationalId), shown);
        Assert.DoesNotContain(content.Nominee.NationalId!, shown);
        Assert.Contains("推荐审批表.pdf", shown);
        Assert.True(await HeadlessChromium.FitsWidthAsync(page), "The review page scrolls sideways on a phone.");
        await HeadlessChromium.ScreenshotAsync(page, "nomination-review-confirmation");

        await page.FillAsync("#comment", "扎根一线，事迹突出，同意推荐");
        // Wait for the answer to the POST: the review page is loaded already, so a load-state wait alone can read it.
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "同意" }).TapAsync(),
            response => response.Request.Method == "POST");
        await page.WaitForLoadStateAsync();
        await HeadlessChromium.ScreenshotAsync(page, "nomination-review-submitted");
        Assert.Equal("审核意见已提交", await page.InnerTextAsync("h1"));

        var atCity = await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "city"));
        Assert.Contains(atCity.GetProperty("history").EnumerateArray(), h => h.GetProperty("comment").GetString() == "扎根一线，事迹突出，同意推荐");

        var again = await chromium.NewPhonePageAsync();
        await again.GotoAsync(link);
        Assert.Contains("该事项已处理", await again.InnerTextAsync("body"));
        Assert.Empty(await again.QuerySelectorAllAsync("form"));
    }
}
