using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Stores.Materials;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>The bad-input catalogue: each refusal is problem+json naming the field and code, and nothing of it is stored.</summary>
[Collection(NominationsAppCollection.Name)]
public sealed class SubmissionRefusalTests(NominationsApp app)
{
    [Fact]
    public async Task An_incomplete_draft_is_refused_with_every_problem_at_once_and_stays_a_draft()
    {
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var content = NominationSamples.Complete(NominationSamples.NationalIdOf(141)) with
        {
            Nominee = NominationSamples.Complete().Nominee! with { NationalId = NominationSamples.NationalIdOf(141), Gender = null, Employer = null },
            Materials = [new MaterialRefRequest("recommendation_form", NominationSamples.Sha('d'), "表.pdf")],
        };
        var id = await NominationsApp.CreateDraftAsync(nominator, campaign.CampaignId, content);

        var errors = await RefusedAsync(nominator, campaign.CampaignId, id, HttpStatusCode.BadRequest);
        Assert.StartsWith("required", errors.GetProperty("nominee.gender")[0].GetString());
        Assert.StartsWith("required", errors.GetProperty("nominee.employer")[0].GetString());
        Assert.StartsWith("material_required", errors.GetProperty("materials.achievement_report")[0].GetString());
        Assert.StartsWith("material_not_found", errors.GetProperty("materials[0].sha256")[0].GetString());
        await AssertStillDraftAsync(nominator, campaign.CampaignId, id);
    }

    [Fact]
    public async Task The_same_person_twice_in_a_campaign_is_409_duplicate_nominee_on_the_national_id()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, _) = await app.CreateNominatorAsync();
        var (otherKey, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        using var other = app.Client(otherKey);
        await NominationsApp.NominateAsync(nominator, campaign.CampaignId, 7);
        var second = await NominationsApp.CreateDraftAsync(other, campaign.CampaignId, await NominationsApp.CompleteAsync(other, 7));

        var errors = await RefusedAsync(other, campaign.CampaignId, second, HttpStatusCode.Conflict, "duplicate_nominee");
        Assert.StartsWith("duplicate_nominee", errors.GetProperty("nominee.nationalId")[0].GetString());
        await AssertStillDraftAsync(other, campaign.CampaignId, second);
    }

    [Fact]
    public async Task A_unit_leader_with_84_percent_of_the_staff_vote_is_refused_vote_below_threshold_and_85_percent_is_submitted()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateOpenCampaignAsync();
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var complete = await NominationsApp.CompleteAsync(nominator, 9);
        var minutes = await NominationsApp.UploadAsync(nominator, NominationsApp.Pdf("minutes " + Guid.NewGuid()));
        NominationRequest Leader(int votesFor) => complete with
        {
            Nominee = complete.Nominee! with { IsUnitLeader = true, JobTitle = "总经理", OccupationCategory = "manager" },
            StaffVote = new StaffVoteRequest(votesFor, 100, new MaterialRefRequest(null, minutes, "职代会决议.pdf")),
        };
        var path = $"api/nominations/campaigns/{campaign.CampaignId}/nominations";

        // The vote is a recorded fact, so even a draft may not hold a vote below the threshold.
        using (var refused = await nominator.PostAsJsonAsync(path, Leader(84), NominationsApp.Json))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Equal(["staffVote.votesFor"], errors.EnumerateObject().Select(p => p.Name));
            Assert.StartsWith("vote_below_threshold", errors.GetProperty("staffVote.votesFor")[0].GetString());
        }
        Assert.Empty((await nominator.GetFromJsonAsync<JsonElement>(path)).EnumerateArray());

        var id = await NominationsApp.CreateDraftAsync(nominator, campaign.CampaignId, Leader(85));
        using var submitted = await NominationsApp.SubmitAsync(nominator, campaign.CampaignId, id);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
    }

    [Theory]
    [InlineData(2, 30, "window_not_open")]
    [InlineData(-30, -2, "window_closed")]
    public async Task A_submission_outside_the_window_is_refused_on_the_campaign(int opensInDays, int closesInDays, string code)
    {
        var now = DateTimeOffset.UtcNow;
        var campaign = await app.CreateOpenCampaignAsync(opens: now.AddDays(opensInDays), closes: now.AddDays(closesInDays));
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var id = await NominationsApp.CreateDraftAsync(nominator, campaign.CampaignId, await NominationsApp.CompleteAsync(nominator, 11));

        var errors = await RefusedAsync(nominator, campaign.CampaignId, id, HttpStatusCode.BadRequest);
        Assert.Equal(["campaign"], errors.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith(code, errors.GetProperty("campaign")[0].GetString());
        await AssertStillDraftAsync(nominator, campaign.CampaignId, id);
    }

    [Fact]
    public async Task A_renamed_exe_is_refused_by_its_content_raw_or_multipart_and_nothing_is_stored()
    {
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var exe = new byte[4096];
        "MZ"u8.CopyTo(exe);
        exe[100] = (byte)Random.Shared.Next(256);

        using (var raw = new ByteArrayContent(exe))
        {
            raw.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var response = await nominator.PostAsync("api/nominations/materials", raw);
            await AssertFileProblemAsync(response, HttpStatusCode.BadRequest, MaterialStore.TypeNotAllowed);
        }
        using (var multipart = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(exe);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            multipart.Add(file, "file", "先进事迹.pdf");
            using var response = await nominator.PostAsync("api/nominations/materials", multipart);
            await AssertFileProblemAsync(response, HttpStatusCode.BadRequest, MaterialStore.TypeNotAllowed);
        }
        await AssertNotStoredAsync(exe);
    }

    [Fact]
    public async Task An_oversize_file_is_refused_material_too_large_and_nothing_is_stored()
    {
        var (key, _) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var big = new byte[NominationsApp.MaterialMaxBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(big);
        RandomNumberGenerator.Fill(big.AsSpan(16, 64));
        using var content = new ByteArrayContent(big);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var response = await nominator.PostAsync("api/nominations/materials", content);
        await AssertFileProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, MaterialStore.TooLarge);
        await AssertNotStoredAsync(big);

        var justFits = big[..(int)NominationsApp.MaterialMaxBytes];
        // Raw bytes as curl --data-binary labels them (a form type) are still the material itself.
        Assert.Equal(SHA256Hex(justFits), await NominationsApp.UploadAsync(nominator, justFits, "application/x-www-form-urlencoded"));
    }

    private static async Task<JsonElement> RefusedAsync(HttpClient nominator, string campaignId, string id, HttpStatusCode status, string code = "validation_failed")
    {
        using var response = await NominationsApp.SubmitAsync(nominator, campaignId, id);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem.GetProperty("errors");
    }

    private static async Task AssertStillDraftAsync(HttpClient nominator, string campaignId, string id)
    {
        var nomination = await nominator.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaignId}/nominations/{id}");
        Assert.Equal("draft", nomination.GetProperty("status").GetString());
        Assert.Empty(nomination.GetProperty("history").EnumerateArray());
    }

    private static async Task AssertFileProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith(code, JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    private async Task AssertNotStoredAsync(byte[] content)
    {
        var sha = SHA256Hex(content);
        var blob = new BlobServiceClient(app.Azurite.ConnectionString).GetBlobContainerClient(MaterialSettings.ContainerName).GetBlobClient($"{sha[..2]}/{sha}");
        Assert.False(await blob.ExistsAsync());
    }

    private static string SHA256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
