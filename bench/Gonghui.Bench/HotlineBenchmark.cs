using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Gonghui.Functions.Hotline.Services;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Testing;

namespace Gonghui.Bench;

/// <summary>
/// The hotline through the real app process on Azurite: intake throughput at 32 concurrent clients, twice: on an
/// instance that serves HTTP only (the figure the goal is about: the intake answers once the ticket is stored and its
/// follow-up queued, and a scaled-out app runs the queue work on other instances), and, for contrast, on one that also
/// routes and mails every ticket on the same two cores; end-to-end
/// latency from POST to the unit's e-mail arriving at the SMTP server (<see cref="TimingSmtpSink"/>) at a steady 10
/// and 100 tickets/s (10/s shows the path's own latency, 100/s the goal; above what the pipeline sustains, latency is
/// queueing); and the stats query over 100,000 tickets spread over 2025 (their figure buckets computed by the rules and
/// loaded through FigureStore).
/// </summary>
public sealed class HotlineBenchmark : IBenchmark
{
    private const string OperatorKey = "bench-operator-key-6f2a9c1d3e5b7a80";
    private const string SupervisorKey = "bench-supervisor-key-1a3c5e7f9b2d4f60";
    private static readonly TimeSpan ThroughputWindow = TimeSpan.FromSeconds(10);
    private const int SteadyRate = 100;
    private static readonly TimeSpan SteadyWindow = TimeSpan.FromSeconds(10);
    private const int StatsTickets = 100_000;

    public string Name => "hotline";

    public string Description => "intake 202/s at 32 clients; POST → unit e-mail latency at 10/s and 100/s; stats over 100,000 tickets";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartQueueAndTableProcessesAsync();
        await using var smtp = new TimingSmtpSink();
        var queues = azurite.CreateQueueServiceClient();

        await using (var front = await StartAppAsync(azurite, smtp, routing: false))
        {
            using var http = CreateOperatorClient(front);
            await WaitUntilKeysWorkAsync(http, cancellationToken);
            await WarmUpIntakeAsync(http, "intake, HTTP only", cancellationToken);
            await WarmUp.SettleAsync(cancellationToken);
            var frontCpu = CpuMeter.Start(front, azurite);
            var accepted = await MeasureIntakeAsync(http, report, "intake, HTTP only", "goal ≥ 300/s", cancellationToken);
            frontCpu.Report(report, "intake, HTTP only", accepted, "ticket");
        }
        // The HTTP-only instance's tickets stay unrouted: their follow-ups would only load the measurements below.
        await queues.GetQueueClient(TicketChangeQueue.QueueName).ClearMessagesAsync(cancellationToken);

        await using var app = await StartAppAsync(azurite, smtp, routing: true);
        using var operatorClient = CreateOperatorClient(app);
        await WaitUntilKeysWorkAsync(operatorClient, cancellationToken);
        await WarmUpIntakeAsync(operatorClient, "intake, routing alongside", cancellationToken);
        await WaitForQueuesToDrainAsync(queues, TimeSpan.FromMinutes(3), cancellationToken);
        await WarmUp.SettleAsync(cancellationToken);
        var cpu = CpuMeter.Start(app, azurite);
        var tickets = await MeasureIntakeAsync(operatorClient, report, "intake, routing alongside",
            "the same cores also route and mail every ticket: see the CPU figures", cancellationToken);
        await WaitForQueuesToDrainAsync(queues, TimeSpan.FromMinutes(3), cancellationToken);
        cpu.Report(report, "intake, routed and mailed", tickets, "ticket");
        Console.WriteLine($"    intake backlog drained at {DateTime.UtcNow:HH:mm:ss}");
        await MeasureLatencyAsync(operatorClient, smtp, 10, report, cancellationToken);
        await WaitForQueuesToDrainAsync(queues, TimeSpan.FromMinutes(3), cancellationToken);
        await MeasureLatencyAsync(operatorClient, smtp, SteadyRate, report, cancellationToken);
        await MeasureStatsAsync(azurite, app, report, cancellationToken);
    }

    /// <summary>
    /// The app on the benchmark's Azurite and SMTP sink; without <paramref name="routing"/> its ticket follow-up function
    /// is disabled, so it serves the HTTP API only, as a front instance of a scaled-out deployment would.
    /// </summary>
    private static Task<FunctionAppProcess> StartAppAsync(AzuriteServer azurite, TimingSmtpSink smtp, bool routing) =>
        FunctionAppProcess.StartAsync(FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions"), new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Gonghui:DevKeys:operator"] = OperatorKey,
            ["Gonghui:DevKeys:supervisor"] = SupervisorKey,
            ["Gonghui:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Gonghui:Hotline:PhoneHashKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Logging:LogLevel:Default"] = "Warning",
            ["AzureWebJobs:HotlineTicketChange:Disabled"] = routing ? null : "true",
        });

    private static HttpClient CreateOperatorClient(FunctionAppProcess app)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("x-functions-key", OperatorKey);
        return http;
    }

    /// <summary>
    /// Runs the intake often enough for the runtime to finish compiling the path (tiered JIT), so that the measurements
    /// after it see a warm instance, not a cold start.
    /// </summary>
    private static async Task WarmUpIntakeAsync(HttpClient http, string label, CancellationToken cancellationToken)
    {
        const int warmUp = 256;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async client =>
        {
            for (var i = client; i < warmUp; i += 32)
                await PostAsync(http, $"warm-{label}-{i}", cancellationToken);
        }));
    }

    /// <summary>Returns how many tickets were accepted.</summary>
    private static async Task<int> MeasureIntakeAsync(HttpClient http, BenchReport report, string label, string note,
        CancellationToken cancellationToken)
    {
        var accepted = 0;
        var failed = 0;
        var latencies = new ConcurrentBag<double>();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async client =>
        {
            for (var n = 0; stopwatch.Elapsed < ThroughputWindow && !cancellationToken.IsCancellationRequested; n++)
            {
                var started = stopwatch.Elapsed;
                var (status, _) = await PostAsync(http, $"tp-{label}-{client}-{n}", cancellationToken);
                latencies.Add((stopwatch.Elapsed - started).TotalMilliseconds);
                if (status == HttpStatusCode.Accepted) Interlocked.Increment(ref accepted);
                else Interlocked.Increment(ref failed);
            }
        }));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        report.Add($"{label}: throughput (32 clients)", accepted / seconds, "202/s", $"{accepted} accepted, {failed} not, {note}");
        report.Add($"{label}: latency p50", Percentile(sorted, 0.50), "ms");
        report.Add($"{label}: latency p95", Percentile(sorted, 0.95), "ms");
        Console.WriteLine($"    {label}: {accepted / seconds:0.#} 202/s ({accepted} accepted, {failed} not)");
        return accepted;
    }

    private static async Task MeasureLatencyAsync(HttpClient http, TimingSmtpSink smtp, int rate, BenchReport report, CancellationToken cancellationToken)
    {
        var sent = new ConcurrentDictionary<string, DateTimeOffset>();
        var total = (int)(rate * SteadyWindow.TotalSeconds);
        var start = Stopwatch.StartNew();
        var posts = new List<Task>();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > start.Elapsed)
                await Task.Delay(due - start.Elapsed, cancellationToken);
            var index = i;
            posts.Add(Task.Run(async () =>
            {
                var postedAt = DateTimeOffset.UtcNow;
                var (status, number) = await PostAsync(http, $"e2e-{rate}-{index}", cancellationToken);
                if (status == HttpStatusCode.Accepted && number is not null)
                    sent[number] = postedAt;
            }, cancellationToken));
        }

        await Task.WhenAll(posts);
        // The unit's mail names the ticket number at the end of its subject.
        var arrived = await smtp.WaitForAsync((_, subject) => subject[(subject.LastIndexOf('：') + 1)..], sent.Keys.ToHashSet(),
            TimeSpan.FromSeconds(120), cancellationToken);
        var latencies = arrived.Select(pair => (pair.Value - sent[pair.Key]).TotalMilliseconds).Order().ToArray();
        var span = arrived.Count == 0 ? TimeSpan.Zero : arrived.Values.Max() - sent.Values.Min();
        report.Add($"e2e at {rate}/s: tickets sent", sent.Count, "tickets", $"{arrived.Count} e-mails arrived");
        report.Add($"e2e at {rate}/s: POST → unit e-mail p50", Percentile(latencies, 0.50), "ms");
        report.Add($"e2e at {rate}/s: POST → unit e-mail p95", Percentile(latencies, 0.95), "ms", "goal ≤ 3000 ms at 100/s");
        report.Add($"e2e at {rate}/s: POST → unit e-mail max", latencies.LastOrDefault(), "ms");
        report.Add($"e2e at {rate}/s: tickets mailed per second", arrived.Count / Math.Max(span.TotalSeconds, 0.001), "tickets/s",
            "first POST to last e-mail: the pipeline's sustained rate when below the offered rate");
    }

    private static async Task MeasureStatsAsync(AzuriteServer azurite, FunctionAppProcess app, BenchReport report, CancellationToken cancellationToken)
    {
        var seeding = Stopwatch.StartNew();
        var buckets = SyntheticYear.Buckets(StatsTickets, 2025);
        await new FigureStore(azurite.CreateTableServiceClient()).ImportAsync(buckets, cancellationToken);
        report.Add("stats seed (100,000 tickets over 2025)", seeding.Elapsed.TotalSeconds, "s", $"{buckets.Count} bucket rows");

        using var supervisor = app.CreateClient(SupervisorKey);
        foreach (var (label, query) in new[]
                 {
                     ("stats whole year", "from=2025-01-01&to=2025-12-31"),
                     ("stats year by month", "from=2025-01-01&to=2025-12-31&groupBy=month"),
                     ("stats mid-month to mid-month, one district", "from=2025-01-15&to=2025-12-14&region=370102"),
                     ("stats year by day", "from=2025-01-01&to=2025-12-31&groupBy=day"),
                 })
        {
            var times = new List<double>();
            long received = 0;
            for (var run = 0; run < 5; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                var figures = await supervisor.GetFromJsonAsync<JsonElement>("api/hotline/stats?" + query, cancellationToken);
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
                received = figures.GetProperty("total").GetProperty("received").GetInt64();
            }

            report.Add(label, times.Order().ElementAt(times.Count / 2), "ms", $"median of 5, received = {received}, goal ≤ 1000 ms");
        }
    }

    /// <summary>Posts one ticket; a request that times out or fails counts as not accepted.</summary>
    private static async Task<(HttpStatusCode Status, string? Number)> PostAsync(HttpClient http, string tag, CancellationToken cancellationToken)
    {
        try
        {
            return await TryPostAsync(http, tag, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return (HttpStatusCode.ServiceUnavailable, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (HttpStatusCode.RequestTimeout, null);
        }
    }

    private static async Task<(HttpStatusCode Status, string? Number)> TryPostAsync(HttpClient http, string tag, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/tickets", new
        {
            callerName = "张伟",
            phone = "138" + (Math.Abs(tag.GetHashCode()) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
            category = "consultation",
            regionCode = "370102",
            subject = "压测工单 " + tag,
            description = "性能测试用工单。",
            channel = "phone",
            callbackConsent = true,
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
            return (response.StatusCode, null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (response.StatusCode, body.GetProperty("number").GetString());
    }

    private static async Task WaitForQueuesToDrainAsync(QueueServiceClient queues, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var name in new[] { TicketChangeQueue.QueueName, "notifications" })
        {
            var queue = queues.GetQueueClient(name);
            while ((await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount > 0 && DateTime.UtcNow < deadline)
                await Task.Delay(500, cancellationToken);
        }
    }

    private static async Task WaitUntilKeysWorkAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await http.GetAsync("api/hotline/routing", cancellationToken)).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The app's development keys were not seeded.");
            await Task.Delay(200, cancellationToken);
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
