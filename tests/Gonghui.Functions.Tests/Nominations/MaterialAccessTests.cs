using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Stores.Materials;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>
/// Who reads a nomination's materials: its union (through the app or a short-lived read-only link) and its reviewers
/// (through their link); not another union, not a reviewer of another region, not the public; storage refuses an
/// altered or expired link and the container without one.
/// </summary>
[Collection(NominationsAppCollection.Name)]
public sealed class MaterialAccessTests(NominationsApp app)
{
    private const string OtherCounty = "370103";

    [Fact]
    public async Task The_union_and_the_nominations_reviewers_read_its_materials_and_no_one_else_does()
    {
        await app.SetReviewersAsync();
        await app.SetReviewersAsync(OtherCounty);
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, _) = await app.CreateNominatorAsync();
        var (otherKey, _) = await app.CreateNominatorAsync(OtherCounty);
        using var nominator = app.Client(key);
        using var other = app.Client(otherKey);
        var content = await NominationsApp.CompleteAsync(nominator, 41);
        var sha = content.Materials![0]!.Sha256!;
        var id = await NominationsApp.CreateDraftAsync(nominator, campaign.CampaignId, content);
        using (var submitted = await NominationsApp.SubmitAsync(nominator, campaign.CampaignId, id))
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var otherId = await NominationsApp.NominateAsync(other, campaign.CampaignId, 43);
        var path = $"api/nominations/campaigns/{campaign.CampaignId}/nominations/{id}/materials/{sha}";

        // The union, through the app and through a read-only link.
        var bytes = await nominator.GetByteArrayAsync(path);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes));
        var link = (await nominator.GetFromJsonAsync<JsonElement>(path + "?access=link")).GetProperty("url").GetString()!;
        Assert.Contains("sp=r&", link);
        using var storage = new HttpClient();
        Assert.Equal(bytes, await storage.GetByteArrayAsync(link));

        // Storage refuses an altered link, an expired one and the private container without one.
        using (var altered = await storage.GetAsync(link.Replace("sp=r&", "sp=rw&")))
            Assert.Equal(HttpStatusCode.Forbidden, altered.StatusCode);
        using (var expired = await storage.GetAsync(ExpiredLink(sha)))
            Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        using (var bare = await storage.GetAsync(link[..link.IndexOf('?')]))
            Assert.False(bare.IsSuccessStatusCode);

        // Another union and the public through the app.
        using (var othersRead = await other.GetAsync(path))
            Assert.Equal(HttpStatusCode.NotFound, othersRead.StatusCode);
        using (var othersLink = await other.GetAsync(path + "?access=link"))
            Assert.Equal(HttpStatusCode.NotFound, othersLink.StatusCode);
        using var anonymous = app.Client(null);
        using (var publicRead = await anonymous.GetAsync(path))
            Assert.Equal(HttpStatusCode.Unauthorized, publicRead.StatusCode);

        // This nomination's county reviewer reads it through the review link; the other county's reviewer, whose link is
        // for the other nomination, does not, nor does an altered link.
        var reviewerToken = NominationsApp.TokenIn(await app.WaitForReviewMailAsync(id, ReviewLevel.County));
        var otherReviewerToken = NominationsApp.TokenIn(await app.WaitForReviewMailAsync(otherId, ReviewLevel.County));
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, id, n => NominationsApp.IsAt(n, "in_review", "county"));
        Assert.Equal(bytes, await anonymous.GetByteArrayAsync($"api/nominations/review/{reviewerToken}/materials/{sha}"));
        using (var otherRegion = await anonymous.GetAsync($"api/nominations/review/{otherReviewerToken}/materials/{sha}"))
            Assert.Equal(HttpStatusCode.NotFound, otherRegion.StatusCode);
        var tampered = reviewerToken[..^2] + (reviewerToken[^2] == 'A' ? "B" : "A") + reviewerToken[^1];
        using (var forged = await anonymous.GetAsync($"api/nominations/review/{tampered}/materials/{sha}"))
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var page = await anonymous.GetStringAsync($"api/nominations/review/{reviewerToken}");
        Assert.Contains($"/api/nominations/review/{reviewerToken}/materials/{sha}", page);
    }

    /// <summary>A read link for the blob, signed as the app signs it, that expired a minute ago.</summary>
    private string ExpiredLink(string sha)
    {
        var blob = new BlobServiceClient(app.Azurite.ConnectionString).GetBlobContainerClient(MaterialSettings.ContainerName).GetBlobClient($"{sha[..2]}/{sha}");
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(-1))
        {
            BlobContainerName = MaterialSettings.ContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = DateTimeOffset.UtcNow.AddMinutes(-10),
        };
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(new StorageSharedKeyCredential(AzuriteServer.AccountName, AzuriteServer.AccountKey)) }
            .ToUri().ToString();
    }
}
