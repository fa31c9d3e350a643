using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Security;
using Gonghui.Functions.Storage;
using Gonghui.Functions.Validation;
using Gonghui.Testing;

namespace Gonghui.Bench;

/// <summary>
/// Nominations through three review levels in the real app process on Azurite, by the links mailed: a campaign with
/// places for all, <see cref="Count"/> nominations created and submitted through the API, then each level's decisions,
/// <see cref="Concurrency"/> at a time, each as a reviewer makes it (the link from the mail at the SMTP sink, its
/// page's GET, the form's POST). For each decision, the time from sending the POST to the next e-mail reaching the SMTP
/// server: the next level's reviewer mail after a county or city approval, the union's "selected" notice after the
/// province's. With many posted at once that is mostly waiting behind the others, so <see cref="Alone"/> more
/// nominations then go through one decision at a time. Set GONGHUI_BENCH_NOMINATIONS for another count than 1,000.
/// </summary>
public sealed partial class NominationReviewBenchmark : IBenchmark
{
    private const int Concurrency = 20;

    /// <summary>Nominations decided one at a time after the others, for the path's own latency.</summary>
    private const int Alone = 10;
    private const string County = BenchNominations.County;
    private const string AdminKey = "bench-admin-key-1a2b3c4d5e6f";
    private const string CampaignId = "bench-nominations";
    private const string UnionId = "bench-union";
    private const string UnionEmail = "bench-union@bench.local";

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("GONGHUI_BENCH_NOMINATIONS"), CultureInfo.InvariantCulture, out var count)
        ? count
        : 1_000;

    public string Name => "nominations";

    public string Description =>
        $"{Count:N0} nominations through county, city and province by the mailed links, {Concurrency} decisions at a time: decision → next e-mail at SMTP, p50/p95";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartQueueAndTableProcessesAsync();
        await using var smtp = new TimingSmtpSink(keepTextBodies: true);
        await StorageProvisioning.CreateAsync(azurite.CreateTableServiceClient(), azurite.CreateQueueServiceClient(),
            new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString), [SecurityServiceCollectionExtensions.Storage], cancellationToken);
        var keys = new ApiKeyStore(azurite.CreateTableServiceClient(), TimeProvider.System);
        await keys.SeedAsync(AdminKey, "bench admin", ApiRoles.Admin, cancellationToken);
        var nominatorKey = (await keys.CreateAsync("基准测试工会", ApiRoles.Nominator, UnionId, County, cancellationToken)).Secret;
        var settings = BenchNominations.AppSettings(azurite.ConnectionString);
        settings["Gonghui:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        await using var app = await FunctionAppProcess.StartAsync(FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions"), settings);
        using var admin = app.CreateClient(AdminKey);
        using var nominator = app.CreateClient(nominatorKey);
        using var reviewer = app.CreateClient(null);
        await SetUpAsync(admin, cancellationToken);

        var submitting = Stopwatch.StartNew();
        var ids = new string[Count + Alone];
        var submitted = await LoadRunner.RunAsync(ids.Length, Concurrency, async i => ids[i] = await NominateAsync(nominator, i, cancellationToken),
            cancellationToken);
        var countyRequests = await WaitForMailsAsync(smtp, ReviewerEmail(ReviewLevel.County), ReviewRequest, ids, cancellationToken);
        report.Add("submissions_to_county_mails", submitting.Elapsed.TotalMilliseconds, "ms",
            $"{ids.Length} drafts created and submitted, {Concurrency} at a time, {submitted.Failures} failed: first POST to the last county reviewer's mail");

        var burst = ids[..Count];
        var requests = countyRequests;
        var all = new List<double>();
        var posts = new List<double>();
        var started = Stopwatch.StartNew();
        foreach (var level in Levels)
        {
            var name = WireNames<ReviewLevel>.Of(level);
            var sent = new (DateTimeOffset At, double PostMs)[Count];
            var bodies = burst.Select(id => smtp.TextBodies[(ReviewerEmail(level), requests[id].Subject)]).ToArray();
            var deciding = Stopwatch.StartNew();
            var decided = await LoadRunner.RunAsync(Count, Concurrency, async i => sent[i] = await ApproveAsync(reviewer, bodies[i], cancellationToken),
                cancellationToken);
            var (nextTo, nextKind) = NextMail(level);
            var arrived = await WaitForMailsAsync(smtp, nextTo, nextKind, burst, cancellationToken);
            var latencies = burst.Select((id, i) => (arrived[id].At - sent[i].At).TotalMilliseconds).Order().ToArray();
            all.AddRange(latencies);
            posts.AddRange(sent.Select(s => s.PostMs));
            report.Add($"{name}_decision_to_next_mail_p50", Percentile(latencies, 50), "ms", $"{Count} decisions, {decided.Failures} failed");
            report.Add($"{name}_decision_to_next_mail_p95", Percentile(latencies, 95), "ms");
            report.Add($"{name}_decisions_per_s", Count / deciding.Elapsed.TotalSeconds, "decisions/s", "first POST to the last next mail");
            requests = arrived;
        }
        var overall = all.Order().ToArray();
        report.Add("decision_to_next_mail_p50", Percentile(overall, 50), "ms", $"{overall.Length} decisions at three levels, {Concurrency} posted at a time");
        report.Add("decision_to_next_mail_p95", Percentile(overall, 95), "ms");
        report.Add("decision_to_next_mail_max", overall[^1], "ms");
        var answered = posts.Order().ToArray();
        report.Add("decision_post_p50", Percentile(answered, 50), "ms", "the link form's POST answered");
        report.Add("decision_post_p95", Percentile(answered, 95), "ms");
        report.Add("nominations_through_three_levels_per_s", Count / started.Elapsed.TotalSeconds, "nominations/s",
            $"{Count} nominations: first county decision to the last union notice");

        // The path alone: each of the others through the three levels, one decision in flight at a time.
        var single = new List<double>();
        foreach (var id in ids[Count..])
        {
            var subject = countyRequests[id].Subject;
            foreach (var level in Levels)
            {
                var (at, _) = await ApproveAsync(reviewer, smtp.TextBodies[(ReviewerEmail(level), subject)], cancellationToken);
                var (nextTo, nextKind) = NextMail(level);
                var next = (await WaitForMailsAsync(smtp, nextTo, nextKind, [id], cancellationToken))[id];
                single.Add((next.At - at).TotalMilliseconds);
                subject = next.Subject;
            }
        }
        var alone = single.Order().ToArray();
        report.Add("one_in_flight_p50", Percentile(alone, 50), "ms", $"{alone.Length} decisions of {Alone} nominations, one at a time");
        report.Add("one_in_flight_p95", Percentile(alone, 95), "ms");
    }

    private static readonly ReviewLevel[] Levels = [ReviewLevel.County, ReviewLevel.City, ReviewLevel.Province];

    /// <summary>The mail a level's approval leads to: the next level's request, or the union's notice after the province.</summary>
    private static (string To, string Kind) NextMail(ReviewLevel level) =>
        level.Next() is { } next ? (ReviewerEmail(next), ReviewRequest) : (UnionEmail, SelectedNotice);

    /// <summary>The campaign (places for all, those decided one at a time too, at every level), one reviewer per level and the union's contact.</summary>
    private static async Task SetUpAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        var campaign = BenchNominations.OpenCampaign(CampaignId, "2026 年山东省劳动模范评选", AwardType.ModelWorker,
            [new RegionQuota(ReviewLevel.Province, "370000", Count + Alone), new RegionQuota(ReviewLevel.City, "370100", Count + Alone),
                new RegionQuota(ReviewLevel.County, County, Count + Alone)]);
        (await admin.PostAsJsonAsync("api/nominations/campaigns", campaign, AppJson.Options, cancellationToken)).EnsureSuccessStatusCode();
        foreach (var level in new[] { ReviewLevel.County, ReviewLevel.City, ReviewLevel.Province })
        {
            var name = WireNames<ReviewLevel>.Of(level);
            (await admin.PutAsJsonAsync($"api/nominations/reviewers/{level.RegionCodeFor(County)}/{name}",
                new[] { new Reviewer($"bench-{name}", $"{level.ChineseName()}审核员", ReviewerEmail(level)) }, AppJson.Options, cancellationToken))
                .EnsureSuccessStatusCode();
        }
        (await admin.PutAsJsonAsync($"api/nominations/unions/{UnionId}", new { name = "基准测试工会", email = UnionEmail }, cancellationToken))
            .EnsureSuccessStatusCode();
    }

    /// <summary>Creates and submits the nomination of person <paramref name="person"/>; answers its id.</summary>
    private static async Task<string> NominateAsync(HttpClient nominator, int person, CancellationToken cancellationToken)
    {
        var content = BenchNominations.Of(person);
        using var created = await nominator.PostAsJsonAsync($"api/nominations/campaigns/{CampaignId}/nominations", content, AppJson.Options, cancellationToken);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("nominationId").GetString()!;
        using var submitted = await nominator.PostAsync($"api/nominations/campaigns/{CampaignId}/nominations/{id}/submit", null, cancellationToken);
        submitted.EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>
    /// Opens the mailed link's page and posts its form's approval, as a reviewer's browser would; answers when the POST
    /// was sent and how long its answer took.
    /// </summary>
    private static async Task<(DateTimeOffset At, double PostMs)> ApproveAsync(HttpClient reviewer, string mailBody, CancellationToken cancellationToken)
    {
        var path = LinkPattern().Match(mailBody).Value;
        var page = await reviewer.GetStringAsync(path, cancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["decision"] = "approve", ["comment"] = "同意", ["formToken"] = FormTokenPattern().Match(page).Groups["value"].Value,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Add("Origin", reviewer.BaseAddress!.GetLeftPart(UriPartial.Authority));
        var sentAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        using var response = await reviewer.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (sentAt, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static string ReviewerEmail(ReviewLevel level) => $"bench-{WireNames<ReviewLevel>.Of(level)}@bench.local";

    private const string ReviewRequest = "待审批";
    private const string SelectedNotice = "已入选拟表彰名单";

    /// <summary>When each nomination's mail of that kind to <paramref name="recipient"/> arrived, and its subject.</summary>
    private static async Task<Dictionary<string, (DateTimeOffset At, string Subject)>> WaitForMailsAsync(TimingSmtpSink smtp, string recipient, string kind,
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var subjects = new Dictionary<string, string>();
        string? IdIn(string to, string subject)
        {
            if (to != recipient || !subject.Contains(kind, StringComparison.Ordinal) || NominationIdPattern().Match(subject) is not { Success: true } id) return null;
            lock (subjects) subjects[id.Value] = subject;
            return id.Value;
        }
        var found = await smtp.WaitForAsync(IdIn, ids.ToHashSet(), TimeSpan.FromMinutes(ids.Count > 1 ? 10 : 1), cancellationToken);
        return found.Count == ids.Count
            ? found.ToDictionary(f => f.Key, f => (f.Value, subjects[f.Key]))
            : throw new TimeoutException($"{found.Count} of {ids.Count} mails ({kind}) to {recipient} arrived.");
    }

    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    [GeneratedRegex(@"/api/nominations/review/[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("name=\"formToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex(@"nom-[0-9a-f]{16}")]
    private static partial Regex NominationIdPattern();
}
