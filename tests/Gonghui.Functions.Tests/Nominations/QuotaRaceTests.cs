using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Nominations.Domain;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Ten county approvals at once against three county places: exactly three go to the city, the rest are asked again and told why.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class QuotaRaceTests(NominationsApp app)
{
    [Fact]
    public async Task Ten_concurrent_forwards_against_a_quota_of_three_forward_exactly_three()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync(countyPlaces: 3);
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var ids = new List<string>();
        for (var person = 0; person < 10; person++)
            ids.Add(await NominationsApp.NominateAsync(nominator, campaign.CampaignId, 100 + person));
        var tokens = new List<string>();
        foreach (var id in ids)
        {
            tokens.Add(NominationsApp.TokenIn(await app.WaitForReviewMailAsync(id, ReviewLevel.County)));
            await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "county"));
        }

        var posted = await Task.WhenAll(tokens.Select(async token =>
        {
            using var response = await app.DecideAsync(token, "approve", "同意");
            return response.StatusCode;
        }));
        Assert.All(posted, status => Assert.Equal(HttpStatusCode.OK, status));

        var settled = await Task.WhenAll(ids.Select(id => app.WaitForNominationAsync(nominator, campaign.CampaignId, id,
            n => NominationsApp.IsAt(n, "in_review", "city")
                 || (NominationsApp.IsAt(n, "in_review", "county") && n.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("kind").GetString() == "quota_full")),
            TimeSpan.FromSeconds(90))));
        var forwarded = ids.Where((_, i) => NominationsApp.IsAt(settled[i], "in_review", "city")).ToList();
        Assert.Equal(3, forwarded.Count);

        using var admin = app.Admin();
        var quotas = await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/quotas");
        var county = quotas.EnumerateArray().Single(q => q.GetProperty("regionCode").GetString() == NominationsApp.County);
        Assert.Equal(3, county.GetProperty("used").GetInt32());

        // The others' reviewers get a new task whose mail says the places are all taken.
        foreach (var id in ids.Except(forwarded))
        {
            var retry = await app.WaitForReviewMailAsync(id, ReviewLevel.County, nth: 2);
            Assert.Contains("名额已满（3/3）", retry.Text);
        }
    }
}
