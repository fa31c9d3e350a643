using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>The public page is kept and revalidated: an unchanged page answers 304, an upheld objection shows at once with a new ETag.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class PublicNoticeCachingTests(NominationsApp app)
{
    [Fact]
    public async Task An_unchanged_page_answers_304_and_an_upheld_objection_changes_it_at_once()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateNoticeCampaignAsync(noticeWorkingDays: 30, []);
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var id = await app.NominateSelectedAsync(nominator, campaign.CampaignId, 351);
        await app.NominateSelectedAsync(nominator, campaign.CampaignId, 352);
        (await app.PublishAsync(campaign.CampaignId)).Dispose();
        using var anonymous = app.Client(null);
        var path = $"api/notice/{campaign.CampaignId}";

        EntityTagHeaderValue etag;
        using (var first = await anonymous.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True(first.Headers.CacheControl?.NoCache, "The page may be kept but must be revalidated.");
            Assert.False(first.Headers.CacheControl?.NoStore);
            etag = first.Headers.ETag!;
        }
        using (var again = await ConditionalGetAsync(anonymous, path, etag))
        {
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, again.Headers.ETag);
        }

        string reference;
        using (var objected = await app.ObjectAsync(campaign.CampaignId, id, "郑一", "13500006666", "该同志的事迹材料有误。", "10.7.0.1"))
            reference = NominationsApp.ReferenceIn(await objected.Content.ReadAsStringAsync());
        using var admin = app.Admin();
        using (var settled = await admin.PostAsJsonAsync($"api/nominations/campaigns/{campaign.CampaignId}/objections/{reference}/settlement",
                   new { outcome = "upheld", finding = "经核实属实。" }))
            Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        using var changed = await ConditionalGetAsync(anonymous, path, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("已撤销（异议成立）", await changed.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> ConditionalGetAsync(HttpClient client, string path, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }
}
