using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Registry;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Import;
using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.Storage;
using Gonghui.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gonghui.Bench;

/// <summary>
/// The model-worker registry on in-memory Azurite: a 5,000-row import of the template (dry run, write, and the same file
/// again, which changes nothing), then searches as staff make them over 50,000 records in 100 districts.
/// </summary>
public sealed class RegistryBenchmark : IBenchmark
{
    private const int ImportRows = 5_000;
    private const int Records = 50_000;
    private const int Cities = 10;
    private const int DistrictsPerCity = 10;
    private const int Searches = 300;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] GivenNames = ["建国", "秀英", "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平"];
    private static readonly string[] Awards = ["全国劳动模范", "全国先进工作者", "全国五一劳动奖章", "省劳动模范", "省先进工作者", "工匠"];

    public string Name => "registry";

    public string Description =>
        $"registry import of {ImportRows:N0} rows (dry run, write, same file again), then {Searches} searches over {Records:N0} records, in-memory Azurite";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [RegistrySettings.NationalIdHashKeySetting] = Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray()),
            })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton(azurite.CreateTableServiceClient())
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddRegistry(configuration)
            .BuildServiceProvider();
        await StorageProvisioning.CreateAsync(azurite.CreateTableServiceClient(), azurite.CreateQueueServiceClient(),
            new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString), [RegistryServiceCollectionExtensions.Storage], cancellationToken);
        var registry = services.GetRequiredService<RegistryService>();
        var admin = new RegistryCaller("bench", "基准测试", RegistryRole.Admin, null);

        // Warm-up: a small file through every path measured.
        await ImportAsync(registry, admin, File(0, 200), dryRun: true, cancellationToken);
        await ImportAsync(registry, admin, File(0, 200), dryRun: false, cancellationToken);
        await SearchAsync(registry, 50, seed: 1, cancellationToken);
        await WarmUp.SettleAsync(cancellationToken);

        var file = File(200, ImportRows);
        var dryRun = await ImportAsync(registry, admin, file, dryRun: true, cancellationToken);
        report.Add("import_dry_run_rows_per_s", ImportRows / dryRun.TotalSeconds, "rows/s", $"{dryRun.TotalSeconds:0.0} s for {ImportRows:N0} rows");
        Console.WriteLine($"dry run of {ImportRows:N0} rows: {dryRun.TotalSeconds:0.0} s");
        var written = await ImportAsync(registry, admin, file, dryRun: false, cancellationToken);
        Console.WriteLine($"import of {ImportRows:N0} rows: {written.TotalSeconds:0.0} s");
        report.Add("import_rows_per_s", ImportRows / written.TotalSeconds, "rows/s", $"{written.TotalSeconds:0.0} s for {ImportRows:N0} rows");
        var again = await ImportAsync(registry, admin, file, dryRun: false, cancellationToken);
        report.Add("reimport_unchanged_rows_per_s", ImportRows / again.TotalSeconds, "rows/s", $"{again.TotalSeconds:0.0} s, nothing changed");

        for (var start = 200 + ImportRows; start < Records; start += ImportRows)
        {
            var took = await ImportAsync(registry, admin, File(start, Math.Min(ImportRows, Records - start)), dryRun: false, cancellationToken);
            Console.WriteLine($"records {start + ImportRows:N0}: {took.TotalSeconds:0.0} s");
        }
        await SearchAsync(registry, 50, seed: 2, cancellationToken);
        await WarmUp.SettleAsync(cancellationToken);
        var latencies = await SearchAsync(registry, Searches, seed: 3, cancellationToken);
        latencies.Sort();
        report.Add("search_p50_ms", latencies[latencies.Count / 2], "ms", $"{Records:N0} records, staff of one city, first page of 50");
        report.Add("search_p95_ms", latencies[(int)(latencies.Count * 0.95)], "ms");
        report.Add("search_max_ms", latencies[^1], "ms");
    }

    private static async Task<TimeSpan> ImportAsync(RegistryService registry, RegistryCaller admin, byte[] file, bool dryRun, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var result = await registry.ImportAsync(admin, new MemoryStream(file), "bench.csv", dryRun, cancellationToken);
        watch.Stop();
        if (result.Value is not { Errors.Count: 0 } imported)
            throw new InvalidOperationException($"The benchmark file has errors: {string.Join("; ", result.Value?.Errors.Take(5) ?? [])}");
        if (!dryRun && !imported.Written) throw new InvalidOperationException("The import wrote nothing.");
        return watch.Elapsed;
    }

    /// <summary>Searches of a city's staff: by name prefix, by award and status, by year, and the plain list; each the first page.</summary>
    private static async Task<List<double>> SearchAsync(RegistryService registry, int count, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var city = random.Next(Cities);
            var staff = new RegistryCaller("staff", "市总工会", RegistryRole.Staff, CityCode(city));
            var query = (i % 4) switch
            {
                0 => new RegistrySearchQuery { Name = Surnames[random.Next(Surnames.Length)], NameMatch = NameMatch.Prefix },
                1 => new RegistrySearchQuery { Award = AwardCatalog.Default.Kinds[random.Next(6)].Code, Status = RecordStatus.Active },
                2 => new RegistrySearchQuery { Year = 1990 + random.Next(35), Region = DistrictCode(city, random.Next(DistrictsPerCity)) },
                _ => new RegistrySearchQuery(),
            };
            var watch = Stopwatch.StartNew();
            var page = await registry.SearchAsync(staff, query, cancellationToken);
            watch.Stop();
            if (!page.Succeeded) throw new InvalidOperationException($"Search refused: {page.Code}");
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    /// <summary>Rows <paramref name="start"/>.. of the synthetic registry, one person and award a row, in UTF-8 with a BOM.</summary>
    private static byte[] File(int start, int count)
    {
        var text = new StringBuilder(string.Join(",", ImportColumns.All)).Append("\r\n");
        for (var n = start; n < start + count; n++)
        {
            var city = n % Cities;
            var district = n / Cities % DistrictsPerCity;
            var birth = new DateOnly(1950, 1, 1).AddDays(n % 15_000);
            var first17 = $"{DistrictCode(city, district)}{birth:yyyyMMdd}{n / 15_000 % 1000:D3}";
            var id = first17 + NationalId.CheckCharacter(first17);
            var name = Surnames[n % Surnames.Length] + GivenNames[n / Surnames.Length % GivenNames.Length];
            text.Append(CultureInfo.InvariantCulture,
                $"{name},,,{id},{Awards[n % Awards.Length]},{1990 + n % 35},中华全国总工会,第{n % 97}机械厂,某集团第{n % 89}分公司,技师,{DistrictCode(city, district)},,,,1{38 + n % 2}{n % 100_000_000:D8}\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string CityCode(int city) => $"37{city + 1:D2}00";

    private static string DistrictCode(int city, int district) => $"37{city + 1:D2}{district + 1:D2}";
}
