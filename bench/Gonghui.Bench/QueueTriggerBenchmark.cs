using System.Diagnostics;
using Azure.Storage.Queues;
using Gonghui.Testing;

namespace Gonghui.Bench;

/// <summary>
/// Messages per second through a no-op queue function (the test app as a real process, batch size 16) beside a raw
/// receive+delete loop with the same batch size, in the same run. Each side gets a fresh in-memory Azurite: after
/// several thousand messages one Azurite instance was seen to stop answering receives, which would measure Azurite.
/// </summary>
public sealed class QueueTriggerBenchmark : IBenchmark
{
    private const int Messages = 2000;
    private const int BatchSize = 16;

    public string Name => "queue-trigger";

    public string Description => $"{Messages} messages: no-op queue function vs raw Azurite receive+delete, batch size {BatchSize}";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        double raw, trigger;
        await using (var azurite = await AzuriteServer.StartAsync())
        {
            var rawQueue = await FilledQueueAsync(azurite.CreateQueueServiceClient(), "bench-raw", cancellationToken);
            raw = await RawReceiveDeleteAsync(rawQueue, cancellationToken);
        }
        await using (var azurite = await AzuriteServer.StartAsync())
        {
            var triggerQueue = await FilledQueueAsync(azurite.CreateQueueServiceClient(), "bench-trigger", cancellationToken);
            trigger = await TriggerAsync(azurite, triggerQueue, cancellationToken);
        }

        report.Add("raw receive+delete", raw, "msg/s");
        report.Add("queue trigger, no-op function", trigger, "msg/s");
        report.Add("trigger / raw", trigger / raw * 100, "%", "goal >= 80 %");
    }

    private static async Task<QueueClient> FilledQueueAsync(QueueServiceClient queues, string name, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, Messages), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) => await queue.SendMessageAsync($"{{\"n\":{i}}}", cancellationToken: ct));
        return queue;
    }

    private static async Task<double> RawReceiveDeleteAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (done < Messages)
        {
            var batch = (await queue.ReceiveMessagesAsync(BatchSize, TimeSpan.FromMinutes(1), cancellationToken)).Value;
            await Task.WhenAll(batch.Select(m => queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, cancellationToken)));
            done += batch.Length;
        }
        return Messages / clock.Elapsed.TotalSeconds;
    }

    // The app starts on a full queue; the clock runs from the first deleted message until the queue is empty.
    private static async Task<double> TriggerAsync(AzuriteServer azurite, QueueClient queue, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["NoOpQueue"] = queue.Name,
            ["RecordQueue"] = "bench-record",
            ["RecordTable"] = "benchrecords",
            ["TickSchedule"] = "0 0 0 1 1 *",
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = BatchSize.ToString(),
        };
        await using var app = await FunctionAppProcess.StartAsync(
            FunctionAppProcess.BuiltDll("tests/Gonghui.LocalHost.TestApp", "Gonghui.LocalHost.TestApp"), settings);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        int left;
        while ((left = await CountAsync(queue, cancellationToken)) == Messages)
            await WaitAsync(app, deadline, cancellationToken);
        var clock = Stopwatch.StartNew();
        while (await CountAsync(queue, cancellationToken) > 0)
            await WaitAsync(app, deadline, cancellationToken);
        return left / clock.Elapsed.TotalSeconds;
    }

    private static async Task WaitAsync(FunctionAppProcess app, DateTime deadline, CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow > deadline)
            throw new TimeoutException("The queue did not drain:\n" + app.Output);
        await Task.Delay(10, cancellationToken);
    }

    private static async Task<int> CountAsync(QueueClient queue, CancellationToken cancellationToken) =>
        (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
}
