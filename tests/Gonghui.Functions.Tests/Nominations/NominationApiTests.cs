using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Drafts over HTTP: create (a retried Idempotency-Key answers the same), read masked, change under If-Match, list own; scope.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class NominationApiTests(NominationsApp app)
{
    [Fact]
    public async Task A_draft_is_created_read_masked_changed_under_if_match_and_listed_only_for_its_union()
    {
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, unionId) = await app.CreateNominatorAsync();
        var (otherKey, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        using var other = app.Client(otherKey);
        var nationalId = NominationSamples.NationalIdOf(135);
        var partial = new NominationRequest(new NomineeRequest("李红", null, null, nationalId, null, null, null, null, null), null, null, null, null);
        var path = $"api/nominations/campaigns/{campaign.CampaignId}/nominations";

        using var created = await Post(nominator, path, partial, "draft-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdBody = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain(nationalId, createdBody);
        var id = JsonDocument.Parse(createdBody).RootElement.GetProperty("nominationId").GetString()!;
        Assert.Equal($"/api/nominations/campaigns/{campaign.CampaignId}/nominations/{id}", created.Headers.Location!.ToString());
        using (var retried = await Post(nominator, path, partial, "draft-1"))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
            Assert.Equal(id, (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nominationId").GetString());
        }
        // A draft leaves out what it does not have yet, keys included.
        using (var sparse = await nominator.PostAsync(path, new StringContent("{\"nominee\":{\"name\":\"张三\"}}", System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Created, sparse.StatusCode);
        using (var malformed = await nominator.PostAsJsonAsync(path, partial with { Nominee = partial.Nominee! with { NationalId = "123" } }, NominationsApp.Json))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("nominee.nationalId", out _));
        }

        using var get = await nominator.GetAsync($"{path}/{id}");
        var read = await get.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("draft", read.GetProperty("status").GetString());
        Assert.Equal(unionId, read.GetProperty("unionId").GetString());
        Assert.Equal(NationalId.Mask(nationalId), read.GetProperty("content").GetProperty("nominee").GetProperty("nationalId").GetString());
        var etag = get.Headers.ETag!.ToString();

        // The masked ID sent back as read keeps the stored one; the change needs the ETag read.
        var edited = JsonSerializer.Deserialize<NominationRequest>(read.GetProperty("content").GetRawText(), NominationsApp.Json)! with { Achievements = "改进工艺" };
        using (var noIfMatch = await nominator.PutAsJsonAsync($"{path}/{id}", edited, NominationsApp.Json))
            Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);
        using (var saved = await Put(nominator, $"{path}/{id}", edited, etag))
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using (var stale = await Put(nominator, $"{path}/{id}", edited, etag))
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using (var othersPut = await Put(other, $"{path}/{id}", edited, etag))
            Assert.Equal(HttpStatusCode.NotFound, othersPut.StatusCode);

        var list = await nominator.GetFromJsonAsync<JsonElement>(path);
        Assert.Contains(id, list.EnumerateArray().Select(n => n.GetProperty("nominationId").GetString()));
        Assert.Equal(2, list.GetArrayLength());
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>(path)).EnumerateArray());
        using (var othersGet = await other.GetAsync($"{path}/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, othersGet.StatusCode);
        using var admin = app.Admin();
        var adminView = await admin.GetFromJsonAsync<JsonElement>($"{path}/{id}");
        Assert.Equal("改进工艺", adminView.GetProperty("content").GetProperty("achievements").GetString());
        Assert.DoesNotContain(nationalId, adminView.GetRawText());
        Assert.DoesNotContain(nationalId, app.App.Output);
    }

    [Fact]
    public async Task A_nominator_key_without_a_county_is_refused_and_the_public_is_unauthorized()
    {
        var campaign = await app.CreateOpenCampaignAsync();
        var (cityKey, _) = await app.CreateNominatorAsync(county: "370100");
        using var unscoped = app.Client(cityKey);
        using (var refused = await unscoped.PostAsJsonAsync($"api/nominations/campaigns/{campaign.CampaignId}/nominations", NominationSamples.Complete(), NominationsApp.Json))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var anonymous = app.Client(null);
        using (var anonymousList = await anonymous.GetAsync($"api/nominations/campaigns/{campaign.CampaignId}/nominations"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, NominationRequest body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: NominationsApp.Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string path, NominationRequest body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: NominationsApp.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }
}
