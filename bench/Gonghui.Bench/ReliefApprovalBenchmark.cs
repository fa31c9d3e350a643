using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Security;
using Gonghui.Functions.Storage;
using Gonghui.Functions.Validation;
using Gonghui.Testing;

namespace Gonghui.Bench;

/// <summary>
/// Relief approvals, end to end in the real app process on Azurite: 100 two-level applications wait at the district;
/// all 100 district decisions are posted at once through the approver API; for each, the latency from sending the POST
/// to the city approver's e-mail arriving at the SMTP server (<see cref="TimingSmtpSink"/>, which notes arrivals to the
/// millisecond where maildev has the Date header's whole seconds). Before that, <see cref="WarmUpBursts"/> bursts of as
/// many other decisions run the same path, each followed by a pause: .NET's tiered JIT moves a method up a tier
/// (tier 0, instrumented, optimised) only after calls in a quiet spell, so a single warm-up left about 2,000 methods to
/// be recompiled during the measured burst, its compiler thread taking a quarter to half of the app's CPU, and three
/// still left 150 to 1,400 from run to run (the app's CPU per decision 9 to 17 ms; after five, 0 to 74 and 5 to 7 ms). Then, for
/// contrast, <see cref="Sequential"/> more decisions one at a time (the latency of the path itself, without a queue of
/// work), and 100 more posted at a steady <see cref="SteadyRate"/> a second. It also times the submissions that set the scene: all applications at once,
/// reserving from one budget, until every district approver's mail has arrived.
/// </summary>
public sealed class ReliefApprovalBenchmark : IBenchmark
{
    private const int Applications = 100;
    private const int Sequential = 10;
    private const int WarmUpBursts = 5;
    private const int SteadyRate = 20;
    private const string Region = "110108";
    private const string OperatorKey = "bench-operator-key-7c1d2e3f4a";
    private const string AdminKey = "bench-admin-key-1a2b3c4d5e6f";
    private const string ApproverKey = "bench-approver-key-9f8e7d6c5b";
    private const string DistrictApprover = "bench-district@bench.local";
    private const string CityApprover = "bench-city@bench.local";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "relief";

    public string Description =>
        $"approval POST → next level's e-mail at SMTP, {Applications} applications in flight, p50/p95";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartQueueAndTableProcessesAsync();
        await using var smtp = new TimingSmtpSink();
        await StorageProvisioning.CreateAsync(azurite.CreateTableServiceClient(), azurite.CreateQueueServiceClient(),
            new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString), [SecurityServiceCollectionExtensions.Storage], cancellationToken);
        var keys = new ApiKeyStore(azurite.CreateTableServiceClient(), TimeProvider.System);
        await keys.SeedAsync(OperatorKey, "bench operator", ApiRoles.Operator, cancellationToken);
        await keys.SeedAsync(AdminKey, "bench admin", ApiRoles.Admin, cancellationToken);
        await keys.SeedAsync(ApproverKey, "bench-district", ApiRoles.Approver, cancellationToken);
        await using var tally = CountRequests ? StorageRequestTally.Start(azurite) : null;
        await using var app = await FunctionAppProcess.StartAsync(FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions"), new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = tally?.ConnectionString ?? azurite.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Gonghui:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Gonghui:Approvals:LinkKeys"] = "bench:" + Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()),
            ["Gonghui:Approvals:ActiveKeyId"] = "bench",
            ["Gonghui:Relief:NationalIdHashKey"] = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray()),
            [Gonghui.Functions.Hotline.HotlineServiceCollectionExtensions.PhoneHashKeySetting] = Convert.ToBase64String(Enumerable.Repeat((byte)5, 32).ToArray()),
        });
        using var admin = app.CreateClient(AdminKey);
        using var submitter = app.CreateClient(OperatorKey);
        using var approver = app.CreateClient(ApproverKey);

        var year = ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year;
        (await admin.PutAsJsonAsync($"api/relief/budgets/hardship/{Region}/{year}", new { budget = "10000000.00" }, cancellationToken)).EnsureSuccessStatusCode();
        foreach (var level in new[] { ApprovalLevel.District, ApprovalLevel.City })
        {
            var id = level == ApprovalLevel.District ? "bench-district" : "bench-city";
            var approvers = new LevelApprovers(new Approver(id, "审批人", $"{id}@bench.local"), new Approver(id + "-deputy", "副职", $"{id}-deputy@bench.local"));
            (await admin.PutAsJsonAsync($"api/relief/approvers/{level.RegionCodeFor(Region)}/{WireNames<ApprovalLevel>.Of(level)}", approvers, Json, cancellationToken))
                .EnsureSuccessStatusCode();
        }

        async Task<string[]> SubmitAsync(IEnumerable<int> people)
        {
            var submitted = await Task.WhenAll(people.Select(async person =>
            {
                using var response = await submitter.PostAsJsonAsync("api/relief/applications", Request(person), Json, cancellationToken);
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("applicationId").GetString()!;
            }));
            await WaitForMailsAsync(smtp, DistrictApprover, submitted, cancellationToken);
            return submitted;
        }

        var submitting = Stopwatch.StartNew();
        var all = await SubmitAsync(Enumerable.Range(1, Applications + Sequential));
        var submitted = submitting.Elapsed.TotalMilliseconds;
        var ids = all[..Applications];
        var warmUp = await SubmitAsync(Enumerable.Range(Applications + Sequential + 1, WarmUpBursts * Applications));

        var sentAt = new Dictionary<string, DateTimeOffset>();
        async Task<double> DecideAsync(string id)
        {
            var stopwatch = Stopwatch.StartNew();
            lock (sentAt) sentAt[id] = DateTimeOffset.UtcNow;
            using var response = await approver.PostAsJsonAsync($"api/approvals/{ApprovalTask.IdFor(id, 0, 1)}/decision", new { decision = "approve" }, cancellationToken);
            response.EnsureSuccessStatusCode();
            return stopwatch.Elapsed.TotalMilliseconds;
        }
        foreach (var round in warmUp.Chunk(Applications))
        {
            await Task.WhenAll(round.Select(DecideAsync));
            await WaitForMailsAsync(smtp, CityApprover, round, cancellationToken);
            await WarmUp.SettleAsync(cancellationToken);
        }
        // What the idle app asks anyway (its pollers), to tell apart from what the decisions cost.
        IReadOnlyDictionary<string, double> idle = new Dictionary<string, double>();
        if (tally is not null)
        {
            tally.Take();
            var idling = Stopwatch.StartNew();
            await WarmUp.SettleAsync(cancellationToken);
            idle = tally.Take().ToDictionary(c => c.Key, c => c.Value.Count / idling.Elapsed.TotalSeconds);
        }

        var burst = Stopwatch.StartNew();
        var cpu = CpuMeter.Start(app, azurite);
        var postLatencies = await Task.WhenAll(ids.Select(DecideAsync));
        var received = await WaitForMailsAsync(smtp, CityApprover, ids, cancellationToken);
        cpu.Report(report, "decisions at once", Applications, "decision");
        if (tally is not null)
        {
            // Each orchestration records its activity's result after the mail: those requests come in the settling time.
            await WarmUp.SettleAsync(cancellationToken);
            ReportRequests(report, tally.Take(), idle, burst.Elapsed);
        }
        var alone = new List<double>();
        foreach (var id in all[Applications..])
        {
            await DecideAsync(id);
            var arrived = await WaitForMailsAsync(smtp, CityApprover, [id], cancellationToken);
            alone.Add((arrived[id] - sentAt[id]).TotalMilliseconds);
        }

        // A fresh set waiting at the district, decided at a steady rate instead of all at once.
        var steady = await SubmitAsync(Enumerable.Range(Applications + Sequential + WarmUpBursts * Applications + 1, Applications));
        var pacing = Stopwatch.StartNew();
        var steadyPosts = new List<Task<double>>();
        for (var i = 0; i < steady.Length; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / SteadyRate);
            if (due > pacing.Elapsed)
                await Task.Delay(due - pacing.Elapsed, cancellationToken);
            steadyPosts.Add(DecideAsync(steady[i]));
        }
        await Task.WhenAll(steadyPosts);
        var steadyReceived = await WaitForMailsAsync(smtp, CityApprover, steady, cancellationToken);

        var latencies = ids.Select(id => (received[id] - sentAt[id]).TotalMilliseconds).Order().ToArray();
        report.Add("decision_to_smtp_p50", Percentile(latencies, 50), "ms", $"{Applications} decisions posted at once");
        report.Add("decision_to_smtp_p95", Percentile(latencies, 95), "ms", "goal ≤ 1500");
        report.Add("decision_to_smtp_max", latencies[^1], "ms");
        var posts = postLatencies.Order().ToArray();
        report.Add("decision_post_p50", Percentile(posts, 50), "ms", "HTTP answer of the approver API");
        report.Add("decision_post_p95", Percentile(posts, 95), "ms");
        report.Add("all_next_level_mails", (received.Values.Max() - sentAt[ids[0]]).TotalMilliseconds, "ms", "first POST to last mail");
        report.Add("submissions_to_first_mails", submitted, "ms",
            $"{Applications + Sequential} applications submitted at once, one budget: first POST to the last district approver's mail");
        var single = alone.Order().ToArray();
        report.Add("one_in_flight_p50", Percentile(single, 50), "ms", $"{Sequential} decisions one at a time");
        report.Add("one_in_flight_max", single[^1], "ms");
        var paced = steady.Select(id => (steadyReceived[id] - sentAt[id]).TotalMilliseconds).Order().ToArray();
        report.Add($"steady_{SteadyRate}_per_s_p50", Percentile(paced, 50), "ms", $"{Applications} more decisions, posted {SteadyRate} a second");
        report.Add($"steady_{SteadyRate}_per_s_p95", Percentile(paced, 95), "ms");
    }

    /// <summary>Set GONGHUI_BENCH_COUNT_REQUESTS=1 to count the app's storage requests (through <see cref="StorageRequestTally"/>'s relays).</summary>
    private static bool CountRequests => Environment.GetEnvironmentVariable("GONGHUI_BENCH_COUNT_REQUESTS") == "1";

    /// <summary>
    /// The storage requests from the burst's start until its last orchestration settled, per decision, by kind, less
    /// what the idle app's pollers would have asked in that time.
    /// </summary>
    private static void ReportRequests(BenchReport report, IReadOnlyDictionary<string, (long Count, long Bytes)> counts,
        IReadOnlyDictionary<string, double> idlePerSecond, TimeSpan elapsed)
    {
        double Net(string kind, long count) => Math.Max(0, count - idlePerSecond.GetValueOrDefault(kind) * elapsed.TotalSeconds) / Applications;
        Console.WriteLine($"storage requests of {Applications} decisions ({elapsed.TotalSeconds:0.0} s incl. settling): per decision less idle polling, " +
            "body bytes per request, idle per second");
        foreach (var (kind, (count, bytes)) in counts.OrderByDescending(c => Net(c.Key, c.Value.Count)))
            Console.WriteLine($"  {Net(kind, count),8:0.00}  {bytes / count,7}  {idlePerSecond.GetValueOrDefault(kind),6:0.0}  {kind}");
        report.Add("decisions at once: storage requests per decision", counts.Sum(c => Net(c.Key, c.Value.Count)), "requests",
            $"{counts.Values.Sum(c => c.Count)} in {elapsed.TotalSeconds:0.0} s less idle polling at {idlePerSecond.Values.Sum():0}/s");
        foreach (var service in new[] { "table", "queue", "blob" })
            report.Add($"decisions at once: {service} requests per decision",
                counts.Where(c => c.Key.StartsWith(service + " ", StringComparison.Ordinal)).Sum(c => Net(c.Key, c.Value.Count)), "requests");
    }

    /// <summary>When the SMTP server received each application's mail to <paramref name="recipient"/> (whose subject ends with the id).</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> WaitForMailsAsync(TimingSmtpSink smtp, string recipient,
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = await smtp.WaitForAsync((to, subject) => to == recipient ? subject[(subject.LastIndexOf(' ') + 1)..] : null,
            ids.ToHashSet(), TimeSpan.FromMinutes(3), cancellationToken);
        return found.Count == ids.Count ? found : throw new TimeoutException($"{found.Count} of {ids.Count} mails to {recipient} arrived.");
    }

    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static ReliefApplicationRequest Request(int person)
    {
        var first17 = $"{Region}{new DateOnly(1970, 1, 1).AddDays(person):yyyyMMdd}{person % 1000:D3}";
        return new ReliefApplicationRequest
        {
            ProgramCode = "hardship",
            Applicant = new ApplicantRequest
            {
                MemberId = $"B-{person}", Name = "基准测试", NationalId = first17 + NationalId.CheckCharacter(first17), RegionCode = Region,
                Employer = "基准单位",
            },
            HouseholdSize = 2,
            MonthlyIncomePerPerson = "1000.00",
            MinimumLivingLine = "1200.00",
            Reason = "illness",
            RequestedAmount = "8000.00",
            Documents = [],
            PayeeAccount = new PayeeAccountRequest { AccountName = "基准测试", AccountNumber = "6222000000000001", BankName = "测试银行" },
        };
    }
}
