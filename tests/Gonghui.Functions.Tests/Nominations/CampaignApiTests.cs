using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Functions;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Campaigns over HTTP: create (a retry answers it), read, change under If-Match with the change check, quotas.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class CampaignApiTests(NominationsApp app)
{
    [Fact]
    public async Task Create_is_idempotent_a_different_campaign_with_the_id_is_refused_and_get_answers_with_an_etag()
    {
        using var admin = app.Admin();
        var campaign = await app.CreateOpenCampaignAsync();

        using (var retry = await admin.PostAsJsonAsync("api/nominations/campaigns", campaign, NominationsApp.Json))
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        using (var other = await admin.PostAsJsonAsync("api/nominations/campaigns", campaign with { Name = "另一个活动" }, NominationsApp.Json))
        {
            Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
            var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("duplicate_campaign", problem.GetProperty("code").GetString());
        }
        using (var invalid = await admin.PostAsJsonAsync("api/nominations/campaigns", campaign with { CampaignId = "bad id!", Quotas = [] }, NominationsApp.Json))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.StartsWith("invalid_campaign_id", errors.GetProperty("campaignId")[0].GetString());
            Assert.StartsWith("province_quota_required", errors.GetProperty("quotas")[0].GetString());
        }

        using var get = await admin.GetAsync($"api/nominations/campaigns/{campaign.CampaignId}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.NotNull(get.Headers.ETag);
        Assert.Equal(campaign.Name, (await get.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        using var missing = await admin.GetAsync("api/nominations/campaigns/no-such-campaign");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var (nominatorKey, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(nominatorKey);
        using (var read = await nominator.GetAsync($"api/nominations/campaigns/{campaign.CampaignId}"))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using (var create = await nominator.PostAsJsonAsync("api/nominations/campaigns", campaign, NominationsApp.Json))
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task A_change_that_invalidates_a_submitted_nomination_is_refused_naming_it_until_acknowledged_under_if_match()
    {
        using var admin = app.Admin();
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (nominatorKey, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(nominatorKey);
        var nominationId = await NominationsApp.NominateAsync(nominator, campaign.CampaignId, 1);

        using var get = await admin.GetAsync($"api/nominations/campaigns/{campaign.CampaignId}");
        var etag = get.Headers.ETag!.ToString();
        var stricter = campaign with
        {
            RequiredMaterials = [.. campaign.RequiredMaterials, new MaterialRequirement("honour_certificate", "荣誉证书")],
            Quotas = [campaign.Quotas[0], campaign.Quotas[1], new RegionQuota(ReviewLevel.County, NominationsApp.County, 2)],
        };

        using (var noIfMatch = await admin.PutAsJsonAsync($"api/nominations/campaigns/{campaign.CampaignId}", new CampaignChangeRequest(stricter, null),
                   NominationsApp.Json))
            Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);
        using (var refused = await Put(admin, campaign.CampaignId, etag, new CampaignChangeRequest(stricter, null)))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("change_invalidates_nominations", problem.GetProperty("code").GetString());
            Assert.StartsWith("material_required",
                problem.GetProperty("errors").GetProperty($"nominations.{nominationId}.materials.honour_certificate")[0].GetString());
        }
        var unchanged = await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}");
        Assert.Equal(2, unchanged.GetProperty("requiredMaterials").GetArrayLength());

        using (var acknowledged = await Put(admin, campaign.CampaignId, etag, new CampaignChangeRequest(stricter, [nominationId])))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            Assert.NotEqual(etag, acknowledged.Headers.ETag!.ToString());
        }
        using (var stale = await Put(admin, campaign.CampaignId, etag, new CampaignChangeRequest(campaign, null)))
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var quotas = await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/quotas");
        var county = quotas.EnumerateArray().Single(q => q.GetProperty("regionCode").GetString() == NominationsApp.County);
        Assert.Equal(2, county.GetProperty("places").GetInt32());
        Assert.Equal("county", county.GetProperty("level").GetString());
    }

    private static Task<HttpResponseMessage> Put(HttpClient admin, string campaignId, string etag, CampaignChangeRequest body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/nominations/campaigns/{campaignId}") { Content = JsonContent.Create(body, options: NominationsApp.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return admin.SendAsync(request);
    }
}
