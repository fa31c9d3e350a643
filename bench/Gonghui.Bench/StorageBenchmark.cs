using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Gonghui.Testing;

namespace Gonghui.Bench;

/// <summary>
/// Request rates of the Azure SDK's Table and Queue clients (Azure.Data.Tables, Azure.Storage.Queues) against a raw HttpClient baseline sending the same signed requests,
/// on one in-memory Azurite, in the same run. Each round runs every operation on both sides back to back (the side
/// that goes first alternates by round); the figures are the medians over the rounds after a warm-up round.
/// </summary>
public sealed class StorageBenchmark : IBenchmark
{
    private const int Workers = 16;
    private const int MeasuredRounds = 5;
    private const int SlicesPerSide = 10;
    private const int WarmUpDivisor = 4;
    private const int Partitions = 16;
    private const int QueryPageSize = 50;

    public string Name => "storage";

    public string Description =>
        $"Azure SDK Table and Queue clients vs raw HttpClient with the same SharedKey signing, {Workers} concurrent workers, " +
        $"sides alternating in {SlicesPerSide} slices each, medians of {MeasuredRounds} rounds after a warm-up, in-memory Azurite";

    private enum Side
    {
        Client,
        Baseline,
    }

    /// <summary>
    /// One kind of request, done <paramref name="Operations"/> times per side and round; the index picks keys and queues.
    /// <see cref="PrepareSlice"/> runs unmeasured before each slice (offset, count), <see cref="Finish"/> after both sides.
    /// </summary>
    private sealed record Operation(string Metric, int Operations, Func<int, Task> Client, Func<int, Task> Baseline)
    {
        public Func<Side, int, int, Task>? PrepareSlice { get; init; }
        public Func<Task>? Finish { get; init; }
    }

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        // Bounded patience on both sides: a request Azurite never answers costs 3 x 10 s, not 4 x 100 s.
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        foreach (var retry in new[] { tableOptions.Retry, queueOptions.Retry })
        {
            retry.NetworkTimeout = RawStorageBaseline.AttemptTimeout;
            retry.MaxRetries = RawStorageBaseline.Attempts - 1;
        }
        var tables = azurite.CreateTableServiceClient(tableOptions);
        var queues = azurite.CreateQueueServiceClient(queueOptions);
        using var baseline = new RawStorageBaseline(azurite.TableEndpoint, azurite.QueueEndpoint,
            AzuriteServer.AccountName, AzuriteServer.AccountKey);

        var measured = new Dictionary<(string Metric, Side Side), List<LoadResult>>();
        for (var round = 0; round <= MeasuredRounds; round++)
        {
            var (roundOperations, deleteAll) = await CreateOperationsAsync(tables, queues, baseline, cancellationToken);
            foreach (var operation in roundOperations)
            {
                var operations = round == 0 ? operation.Operations / WarmUpDivisor : operation.Operations;
                var perSide = await RunInterleavedAsync(operation, operations, firstSide: (Side)(round % 2), cancellationToken);
                if (round == 0)
                    continue;
                foreach (var (side, result) in perSide)
                {
                    if (!measured.TryGetValue((operation.Metric, side), out var list))
                        measured[(operation.Metric, side)] = list = [];
                    list.Add(result);
                    Console.Error.WriteLine(
                        $"round {round} {operation.Metric,-20} {side,-8} {result.OperationsPerSecond,8:0} ops/s  {result.ProcessorMicrosecondsPerOperation,6:0} us CPU/op  slowest {result.Slowest.TotalMilliseconds,6:0} ms");
                }
            }
            await deleteAll();
        }

        foreach (var metric in measured.Keys.Select(k => k.Metric).Distinct())
        {
            var client = measured[(metric, Side.Client)];
            var raw = measured[(metric, Side.Baseline)];
            // Each round's two sides ran interleaved under the same load, so the overhead is taken per round and the
            // median of those is reported: a round disturbed by other work on the machine cannot sway it.
            var overheads = client.Zip(raw, (c, b) => (b.OperationsPerSecond - c.OperationsPerSecond) / b.OperationsPerSecond * 100).ToList();
            report.Add($"{metric}.client", Median(client.Select(r => r.OperationsPerSecond)), "ops/s");
            report.Add($"{metric}.baseline", Median(raw.Select(r => r.OperationsPerSecond)), "ops/s");
            report.Add($"{metric}.overhead", Median(overheads), "%", "median of per-round overheads; positive: client slower; goal <= 10");
            report.Add($"{metric}.client_cpu", Median(client.Select(r => r.ProcessorMicrosecondsPerOperation)), "us/op",
                "CPU of the benchmark process per operation");
            report.Add($"{metric}.baseline_cpu", Median(raw.Select(r => r.ProcessorMicrosecondsPerOperation)), "us/op");
        }
        report.Add("failed_operations", measured.Values.SelectMany(r => r).Sum(r => r.Failures), "count",
            "operations that failed after all attempts (see stderr)");
        report.Add("stalled_measurements", measured.Values.SelectMany(r => r).Count(r => r.Slowest > StallThreshold), "count",
            $"measurements in which one request took over {StallThreshold.TotalSeconds:0} s (Azurite not answering)");
    }

    private static readonly TimeSpan StallThreshold = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the operation on both sides in alternating slices (A B A B ...), so that load from elsewhere on the machine
    /// falls on both alike; each side's result sums its slices.
    /// </summary>
    private static async Task<Dictionary<Side, LoadResult>> RunInterleavedAsync(Operation operation, int operations, Side firstSide,
        CancellationToken cancellationToken)
    {
        var sliceSize = operations / SlicesPerSide;
        var totals = new Dictionary<Side, LoadResult>
        {
            [Side.Client] = default,
            [Side.Baseline] = default,
        };
        for (var slice = 0; slice < SlicesPerSide * 2; slice++)
        {
            var side = slice % 2 == 0 ? firstSide : 1 - firstSide;
            var offset = slice / 2 * sliceSize;
            if (operation.PrepareSlice is { } prepare)
                await prepare(side, offset, sliceSize);
            var run = side == Side.Client ? operation.Client : operation.Baseline;
            var result = await LoadRunner.RunAsync(sliceSize, Workers, i => run(offset + i), cancellationToken);
            totals[side] = totals[side].Plus(result);
        }
        if (operation.Finish is { } finish)
            await finish();
        return totals;
    }

    /// <summary>
    /// Fresh tables and queues for one round, one set per side, so neither side reads what the other wrote.
    /// Azurite keeps all messages of all queues in one in-memory collection whose indices it re-sorts after each change,
    /// so its receive and delete slow down with every message it holds. To measure the clients rather than that,
    /// sent messages are cleared after the send measurement, and each receive slice drains only the messages put
    /// into its side's queues just before it (unmeasured), so both sides receive from the same small backlog.
    /// </summary>
    private static async Task<(Operation[] Operations, Func<Task> DeleteAll)> CreateOperationsAsync(TableServiceClient tables, QueueServiceClient queues,
        RawStorageBaseline baseline, CancellationToken cancellationToken)
    {
        var clientTable = tables.GetTableClient(AzuriteServer.UniqueName("benchc"));
        var baselineTable = tables.GetTableClient(AzuriteServer.UniqueName("benchb"));
        QueueClient[] NewQueues(string prefix) =>
            Enumerable.Range(0, Partitions).Select(_ => queues.GetQueueClient(AzuriteServer.UniqueName(prefix))).ToArray();
        var sendQueues = new Dictionary<Side, QueueClient[]> { [Side.Client] = NewQueues("sendc"), [Side.Baseline] = NewQueues("sendb") };
        var receiveQueues = new Dictionary<Side, QueueClient[]> { [Side.Client] = NewQueues("recvc"), [Side.Baseline] = NewQueues("recvb") };
        await clientTable.CreateIfNotExistsAsync(cancellationToken);
        await baselineTable.CreateIfNotExistsAsync(cancellationToken);
        foreach (var queue in sendQueues.Values.Concat(receiveQueues.Values).SelectMany(q => q))
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        // Azurite slows down (and has stalled for minutes) as it accumulates rounds of data, so each round removes its own.
        async Task DeleteAll()
        {
            try
            {
                await clientTable.DeleteAsync(cancellationToken);
                await baselineTable.DeleteAsync(cancellationToken);
                foreach (var queue in sendQueues.Values.Concat(receiveQueues.Values).SelectMany(q => q))
                    await queue.DeleteIfExistsAsync(cancellationToken);
            }
            catch (Azure.RequestFailedException ex)
            {
                Console.Error.WriteLine($"cleanup after the round failed, going on: {ex.Message.Split('\n')[0]}");
            }
        }

        Operation[] operations =
        [
            new("table.upsert", 1000,
                i => clientTable.UpsertEntityAsync(Entity(i), TableUpdateMode.Merge, cancellationToken),
                i => baseline.UpsertEntityAsync(baselineTable.Name, PartitionKey(i), RowKey(i), EntityJson(i), cancellationToken)),
            new("table.get", 1000,
                i => clientTable.GetEntityAsync<TableEntity>(PartitionKey(i), RowKey(i), cancellationToken: cancellationToken),
                i => baseline.GetEntityAsync(baselineTable.Name, PartitionKey(i), RowKey(i), cancellationToken)),
            new("table.query_page", 500,
                async i =>
                {
                    await foreach (var page in clientTable.QueryAsync<TableEntity>(PartitionFilter(i), QueryPageSize, cancellationToken: cancellationToken).AsPages())
                        break;
                },
                i => baseline.QueryPageAsync(baselineTable.Name, PartitionFilter(i), QueryPageSize, cancellationToken)),
            new("queue.send", 500,
                i => sendQueues[Side.Client][i % Partitions].SendMessageAsync(new BinaryData(MessageBody(i)), cancellationToken: cancellationToken),
                i => baseline.SendMessageAsync(sendQueues[Side.Baseline][i % Partitions].Name, MessageBody(i), cancellationToken))
            {
                Finish = () => Task.WhenAll(sendQueues.Values.SelectMany(q => q).Select(q => q.ClearMessagesAsync(cancellationToken))),
            },
            new("queue.receive_delete", 400,
                async i =>
                {
                    var queue = receiveQueues[Side.Client][i % Partitions];
                    var message = (await queue.ReceiveMessagesAsync(1, cancellationToken: cancellationToken)).Value.Single();
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                },
                async i =>
                {
                    if (!await baseline.ReceiveAndDeleteMessageAsync(receiveQueues[Side.Baseline][i % Partitions].Name, cancellationToken))
                        throw new InvalidOperationException("Baseline found the queue empty.");
                })
            {
                PrepareSlice = (side, offset, count) => LoadRunner.RunAsync(count, Workers,
                    i => receiveQueues[side][(offset + i) % Partitions].SendMessageAsync(new BinaryData(MessageBody(offset + i)),
                        cancellationToken: cancellationToken), cancellationToken),
            },
        ];
        return (operations, DeleteAll);
    }

    private static readonly DateTimeOffset Joined = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private static string PartitionKey(int i) => "p" + (i % Partitions).ToString("D2", CultureInfo.InvariantCulture);

    private static string RowKey(int i) => "r" + i.ToString("D6", CultureInfo.InvariantCulture);

    private static string PartitionFilter(int i) => TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(i)}");

    private static TableEntity Entity(int i) => new(PartitionKey(i), RowKey(i))
    {
        ["Name"] = "会员 " + i.ToString(CultureInfo.InvariantCulture),
        ["Count"] = i,
        ["Amount"] = 1000L * i,
        ["Score"] = i / 7.0,
        ["Active"] = i % 2 == 0,
        ["Joined"] = Joined.AddMinutes(i),
    };

    /// <summary>The JSON the SDK client writes for <see cref="Entity"/>, written by hand as a raw caller would.</summary>
    private static string EntityJson(int i) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"PartitionKey":"{{PartitionKey(i)}}","RowKey":"{{RowKey(i)}}","Name":"会员 {{i}}","Count":{{i}},"Amount":"{{1000L * i}}","Amount@odata.type":"Edm.Int64","Score":{{(i / 7.0).ToString("R", CultureInfo.InvariantCulture)}},"Score@odata.type":"Edm.Double","Active":{{(i % 2 == 0 ? "true" : "false")}},"Joined":"{{Joined.AddMinutes(i).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}}","Joined@odata.type":"Edm.DateTime"}""");

    private static byte[] MessageBody(int i) =>
        System.Text.Encoding.UTF8.GetBytes($$"""{"instanceId":"case-{{i}}","event":"工单已受理","sequence":{{i}}}""");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
