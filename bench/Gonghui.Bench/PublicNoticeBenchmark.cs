using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Gonghui.Functions.Nominations;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Storage;
using Gonghui.Testing;

namespace Gonghui.Bench;

/// <summary>
/// The public notice page under readers: a published list of 30 stored on in-memory Azurite, then 100 concurrent
/// anonymous readers fetching <c>GET /api/notice/{campaignId}</c> through the app process, first whole pages, then as
/// browsers revisiting it (If-None-Match with the page's ETag, answered 304).
/// </summary>
public sealed class PublicNoticeBenchmark : IBenchmark
{
    private const int Listed = 30;
    private const int Readers = 100;
    private const int Reads = 20_000;
    private const string CampaignId = "bench-notice";

    public string Name => "notice";

    public string Description => $"public notice page of {Listed} lines, {Reads:N0} reads and as many revalidations by {Readers} concurrent readers, through the app on in-memory Azurite";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await SeedAsync(azurite, new NationalIdHasher(BenchNominations.HashKey), cancellationToken);
        await using var app = await FunctionAppProcess.StartAsync(FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions"),
            BenchNominations.AppSettings(azurite.ConnectionString));
        using var reader = app.CreateClient(null);
        var path = $"api/notice/{CampaignId}";
        for (var i = 0; i < 50; i++) await ReadAsync(reader, path, null, cancellationToken);
        await WarmUp.SettleAsync(cancellationToken);

        await MeasureAsync(report, "page", () => ReadAsync(reader, path, null, cancellationToken), cancellationToken);
        var etag = await ReadAsync(reader, path, null, cancellationToken);
        await MeasureAsync(report, "revalidation", () => ReadAsync(reader, path, etag, cancellationToken), cancellationToken);
    }

    private static async Task MeasureAsync(BenchReport report, string name, Func<Task> read, CancellationToken cancellationToken)
    {
        var latencies = new double[Reads];
        var run = await LoadRunner.RunAsync(Reads, Readers, async index =>
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }, cancellationToken);
        Array.Sort(latencies);
        report.Add($"{name}_reads_per_s", run.OperationsPerSecond, "reads/s", $"{Readers} concurrent readers, {run.Failures} failed");
        report.Add($"{name}_p50_ms", latencies[Reads / 2], "ms", $"{Listed} lines");
        report.Add($"{name}_p95_ms", latencies[(int)(Reads * 0.95)], "ms");
        report.Add($"{name}_max_ms", latencies[^1], "ms");
    }

    /// <summary>Reads the page (a 304 when <paramref name="etag"/> is still its ETag); answers the ETag.</summary>
    private static async Task<EntityTagHeaderValue?> ReadAsync(HttpClient reader, string path, EntityTagHeaderValue? etag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (etag is not null) request.Headers.IfNoneMatch.Add(etag);
        using var response = await reader.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotModified) response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.Headers.ETag;
    }

    /// <summary>A campaign open now, <see cref="Listed"/> submitted nominations stored as selected, and their notice running for 5 working days.</summary>
    private static async Task SeedAsync(AzuriteServer azurite, NationalIdHasher hasher, CancellationToken cancellationToken)
    {
        var tables = azurite.CreateTableServiceClient();
        await StorageProvisioning.CreateAsync(tables, azurite.CreateQueueServiceClient(), new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString),
            [NominationsServiceCollectionExtensions.Storage], cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var campaign = BenchNominations.OpenCampaign(CampaignId, "2026 年山东省五一劳动奖章评选", AwardType.MayDayMedal,
            [new RegionQuota(ReviewLevel.Province, "370000", Listed)]);
        await new CampaignStore(tables).AddAsync(campaign, cancellationToken);
        var nominations = new NominationStore(tables);
        var ids = new List<string>();
        for (var n = 0; n < Listed; n++)
        {
            var id = $"nom-bench{n:D4}";
            var content = BenchNominations.Of(n);
            var details = NominationValidator.ValidateSubmission(content, campaign, now).Value
                ?? throw new InvalidOperationException("The benchmark's nomination is not valid.");
            var draft = new StoredNomination
            {
                CampaignId = CampaignId, NominationId = id, UnionId = "bench-union", CountyCode = BenchNominations.County, CreatedById = "bench", CreatedByName = "基准测试",
                CreatedAt = now, Status = NominationStatus.Draft, Content = content,
            };
            await nominations.CreateDraftAsync(draft, cancellationToken);
            var state = new NominationReviewState
            {
                NominationId = id, CampaignId = CampaignId, UnionId = "bench-union", CountyCode = BenchNominations.County, Timing = campaign.Timing,
                Status = NominationStatus.Selected, Level = ReviewLevel.Province, History = [new NominationHistoryEntry(now, NominationEventKind.Submitted)],
            };
            var stored = await nominations.GetAsync(CampaignId, id, cancellationToken);
            await nominations.SubmitAsync(stored!, content, details, hasher.Hash(details.Nominee.NationalId), now, state, cancellationToken);
            ids.Add(id);
        }
        await new PublicNoticeStore(tables).AddAsync(new PublicNotice
        {
            CampaignId = CampaignId,
            Period = new NoticePeriod(now, now.AddDays(7)),
            NominationIds = ids,
            PublishedByName = "基准测试",
            CommitteeName = "评选委员会",
            CommitteeEmail = "committee@bench.local",
        }, cancellationToken);
    }
}
