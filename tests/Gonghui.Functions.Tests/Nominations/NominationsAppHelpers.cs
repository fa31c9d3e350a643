using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Security;
using Gonghui.Functions.Tests.Relief.Functions;
using Gonghui.Functions.Validation;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>What nomination tests do through the app: campaigns open now, nominator keys, reviewers, uploads, submissions, review mails.</summary>
public sealed partial class NominationsApp
{
    public const string County = "370102";

    public static readonly JsonSerializerOptions Json = AppJson.Options;

    public HttpClient Admin() => Client(ReliefApp.AdminKey);

    /// <summary>A campaign open from yesterday for a month with <paramref name="countyPlaces"/> places in <see cref="County"/>; its id is unique.</summary>
    public async Task<Campaign> CreateOpenCampaignAsync(int countyPlaces = 3, DateTimeOffset? opens = null, DateTimeOffset? closes = null)
    {
        var now = DateTimeOffset.UtcNow;
        var campaign = NominationSamples.Campaign("c-" + Guid.NewGuid().ToString("N")[..12]) with
        {
            Window = new NominationWindow(opens ?? now.AddDays(-1), closes ?? now.AddDays(30)),
            Quotas =
            [
                new RegionQuota(ReviewLevel.Province, "370000", 10),
                new RegionQuota(ReviewLevel.City, "370100", 5),
                new RegionQuota(ReviewLevel.County, County, countyPlaces),
            ],
        };
        using var admin = Admin();
        using var created = await admin.PostAsJsonAsync("api/nominations/campaigns", campaign, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return campaign;
    }

    /// <summary>A nominator key of a new union in <see cref="County"/>; returns the secret and the union id.</summary>
    public async Task<(string Key, string UnionId)> CreateNominatorAsync(string county = County)
    {
        var unionId = "union-" + Guid.NewGuid().ToString("N")[..8];
        var keys = new ApiKeyStore(Azurite.CreateTableServiceClient(), TimeProvider.System);
        var created = await keys.CreateAsync($"{unionId} 工会", ApiRoles.Nominator, unionId, county);
        using var admin = Admin();
        using var contact = await admin.PutAsJsonAsync($"api/nominations/unions/{unionId}", new { name = $"{unionId}工会", email = UnionEmail(unionId) });
        contact.EnsureSuccessStatusCode();
        return (created.Secret, unionId);
    }

    public static string UnionEmail(string unionId) => $"{unionId}@union.test";

    /// <summary>One reviewer per level for <paramref name="county"/>, ids named by level.</summary>
    public async Task SetReviewersAsync(string county = County)
    {
        using var admin = Admin();
        foreach (var level in new[] { ReviewLevel.County, ReviewLevel.City, ReviewLevel.Province })
        {
            using var put = await admin.PutAsJsonAsync($"api/nominations/reviewers/{level.RegionCodeFor(county)}/{WireNames<ReviewLevel>.Of(level)}",
                new[] { ReviewerAt(level) }, Json);
            put.EnsureSuccessStatusCode();
        }
    }

    public static Reviewer ReviewerAt(ReviewLevel level) =>
        new($"reviewer-{WireNames<ReviewLevel>.Of(level)}", $"{level.ChineseName()}审核员", $"reviewer-{WireNames<ReviewLevel>.Of(level)}@review.test");

    /// <summary>A small PDF whose content differs by <paramref name="label"/>.</summary>
    public static byte[] Pdf(string label) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {label}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    public static async Task<string> UploadAsync(HttpClient nominator, byte[] content, string contentType = "application/pdf")
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await nominator.PostAsync("api/nominations/materials", body);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString()!;
    }

    /// <summary>A complete nomination of person <paramref name="sequence"/> (below 500) with its two required materials uploaded.</summary>
    public static async Task<NominationRequest> CompleteAsync(HttpClient nominator, int sequence)
    {
        var form = await UploadAsync(nominator, Pdf($"form {sequence} {Guid.NewGuid()}"));
        var report = await UploadAsync(nominator, Pdf($"report {sequence} {Guid.NewGuid()}"));
        return NominationSamples.Complete(NominationSamples.NationalIdOf(2 * sequence + 1)) with
        {
            Materials = [new MaterialRefRequest("recommendation_form", form, "推荐审批表.pdf"), new MaterialRefRequest("achievement_report", report, "事迹.pdf")],
        };
    }

    /// <summary>Creates the draft; returns its id.</summary>
    public static async Task<string> CreateDraftAsync(HttpClient nominator, string campaignId, NominationRequest content)
    {
        using var response = await nominator.PostAsJsonAsync($"api/nominations/campaigns/{campaignId}/nominations", content, Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nominationId").GetString()!;
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient nominator, string campaignId, string nominationId) =>
        nominator.PostAsync($"api/nominations/campaigns/{campaignId}/nominations/{nominationId}/submit", null);

    /// <summary>Creates and submits a complete nomination of person <paramref name="sequence"/>; returns its id.</summary>
    public static async Task<string> NominateAsync(HttpClient nominator, string campaignId, int sequence)
    {
        var id = await CreateDraftAsync(nominator, campaignId, await CompleteAsync(nominator, sequence));
        using var submitted = await SubmitAsync(nominator, campaignId, id);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>Polls the nomination until <paramref name="done"/> holds.</summary>
    public async Task<JsonElement> WaitForNominationAsync(HttpClient nominator, string campaignId, string nominationId, Func<JsonElement, bool> done,
        TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(40));
        while (true)
        {
            var nomination = await nominator.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaignId}/nominations/{nominationId}");
            if (done(nomination)) return nomination;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Nomination {nominationId} stayed at {nomination}.\n{App.Output}");
            await Task.Delay(200);
        }
    }

    public static bool IsAt(JsonElement nomination, string status, string? level = null) =>
        nomination.GetProperty("status").GetString() == status && (level is null || nomination.GetProperty("level").GetString() == level);

    /// <summary>The review request mail of a nomination for a level's reviewer (the <paramref name="nth"/> one, oldest first).</summary>
    public async Task<MaildevEmail> WaitForReviewMailAsync(string nominationId, ReviewLevel level, int nth = 1, string tag = "待审批")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (true)
        {
            var mails = (await Maildev.GetEmailsAsync()).Where(e => e.Subject?.Contains(nominationId, StringComparison.Ordinal) == true
                && e.Subject.Contains(tag, StringComparison.Ordinal) && e.To?.Any(t => t.Address == ReviewerAt(level).Email) == true).ToList();
            if (mails.Count >= nth) return mails[nth - 1];
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No review mail {nth} of {nominationId} for {level}.\n{App.Output}");
            await Task.Delay(200);
        }
    }

    public Task<MaildevEmail> WaitForUnionMailAsync(string unionId, string nominationId, string outcome) =>
        Maildev.WaitForEmailAsync(e => e.Subject?.Contains(nominationId, StringComparison.Ordinal) == true && e.Subject.Contains(outcome, StringComparison.Ordinal)
            && e.To?.Any(t => t.Address == UnionEmail(unionId)) == true, TimeSpan.FromSeconds(40));

    public static string TokenIn(MaildevEmail email) => LinkPattern().Match(email.Text ?? "").Groups["token"].Value;

    public static string FormTokenIn(string html) => FormTokenPattern().Match(html).Groups["value"].Value;

    /// <summary>Opens the link (GET) and posts its form as the browser would (same origin).</summary>
    public async Task<HttpResponseMessage> DecideAsync(string token, string decision, string? comment = null, int? revisionDays = null)
    {
        using var client = Client(null);
        var page = await client.GetStringAsync($"api/nominations/review/{token}");
        return await PostDecisionAsync(token, FormTokenIn(page), decision, comment, revisionDays);
    }

    /// <summary>Posts a review link's form with the anti-forgery value of a page opened earlier.</summary>
    public async Task<HttpResponseMessage> PostDecisionAsync(string token, string formToken, string decision, string? comment = null, int? revisionDays = null)
    {
        using var client = Client(null);
        var fields = new Dictionary<string, string> { ["decision"] = decision, ["formToken"] = formToken };
        if (comment is not null) fields["comment"] = comment;
        if (revisionDays is not null) fields["revisionDays"] = revisionDays.Value.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/nominations/review/{token}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", App.BaseAddress.GetLeftPart(UriPartial.Authority));
        return await client.SendAsync(request);
    }

    [GeneratedRegex(@"/api/nominations/review/(?<token>[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("name=\"formToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
