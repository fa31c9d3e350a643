using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Gonghui.Functions.Concurrency;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>
/// Figure buckets in <see cref="TableName"/>: PartitionKey "m|yyyy" (month buckets of a year) or "d|yyyy-MM" (day
/// buckets of a month), RowKey "b|yyyy-MM-dd|region|category|unit|shard", one Int64 column per counter. A bucket is
/// kept in <see cref="Shards"/> rows, a ticket always adding to the same one, so tickets of one busy day, region and
/// category do not all queue on one row's ETag; reads sum the shards. A ticket change's
/// delta is applied per partition in one entity-group transaction that also inserts a marker row
/// "x|ticket|version": a retried or redelivered change finds its marker and adds nothing, so no change counts twice.
/// Within one instance the writers of a partition's shard take turns and remember the rows they wrote (counters and
/// ETag), so a busy bucket is written without a read and without losing races to itself; another instance's write
/// shows as a failed ETag, and the rows are read again.
/// </summary>
public sealed class FigureStore(TableServiceClient tables)
{
    public const string TableName = "HotlineFigures";
    public const int Shards = 8;
    private const string BucketPrefix = "b|";

    private static readonly string[] CounterNames =
    [
        nameof(FigureCounters.Received), nameof(FigureCounters.ResolutionDue), nameof(FigureCounters.ClosedAmongDue),
        nameof(FigureCounters.OnTimeAmongDue), nameof(FigureCounters.FirstResponses), nameof(FigureCounters.FirstResponseTicks),
        nameof(FigureCounters.Resolutions), nameof(FigureCounters.ResolutionTicks), nameof(FigureCounters.CallbacksReached),
        nameof(FigureCounters.Satisfied), nameof(FigureCounters.TicketsResolved), nameof(FigureCounters.TicketsReopened),
        nameof(FigureCounters.AcceptanceBreaches), nameof(FigureCounters.ResolutionBreaches),
    ];

    /// <summary>Bucket rows remembered at most; past this the memory starts over (a read per row refills it).</summary>
    private const int MaxKnownRows = 20_000;

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly KeyedTurns _writers = new();
    private readonly ConcurrentDictionary<(string Partition, string Row), KnownBucket> _known = new();

    /// <summary>Adds the change of <paramref name="ticketId"/> to <paramref name="version"/> to the buckets, once.</summary>
    public async Task ApplyAsync(string ticketId, int version, IReadOnlyDictionary<FigureBucketKey, FigureCounters> delta,
        CancellationToken cancellationToken)
    {
        var shard = Shard(ticketId);
        await Task.WhenAll(delta.GroupBy(pair => PartitionKey(pair.Key)).Select(partition =>
            ApplyToPartitionAsync(partition.Key, $"x|{ticketId}|{version}", shard, partition.ToList(), cancellationToken)));
    }

    /// <summary>Adds already summed buckets with no per-ticket marker: bulk loads of figures (imports, benchmarks).</summary>
    public async Task ImportAsync(IReadOnlyDictionary<FigureBucketKey, FigureCounters> buckets, CancellationToken cancellationToken)
    {
        foreach (var partition in buckets.GroupBy(pair => PartitionKey(pair.Key)))
        {
            var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key} and RowKey ge {BucketPrefix} and RowKey lt {"b}"}"),
                               cancellationToken: cancellationToken))
            {
                existing[row.RowKey] = row;
            }

            foreach (var chunk in partition.Chunk(100))
            {
                await _table.SubmitTransactionAsync(chunk.Select(pair => existing.TryGetValue(RowKey(pair.Key, 0), out var row)
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(partition.Key, pair.Key, 0, Counters(row) + pair.Value), row.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, Entity(partition.Key, pair.Key, 0, pair.Value))), cancellationToken);
            }
        }
    }

    /// <summary>Every bucket within the ranges (a query's plan), read by key range.</summary>
    public async Task<IReadOnlyList<KeyValuePair<FigureBucketKey, FigureCounters>>> ReadAsync(
        IEnumerable<FigureRange> ranges, CancellationToken cancellationToken)
    {
        var reads = ranges.SelectMany(range => Partitions(range).Select(partition => ReadPartitionAsync(partition, range, cancellationToken)));
        return (await Task.WhenAll(reads)).SelectMany(rows => rows).ToList();
    }

    private async Task<List<KeyValuePair<FigureBucketKey, FigureCounters>>> ReadPartitionAsync(
        string partition, FigureRange range, CancellationToken cancellationToken)
    {
        var first = BucketPrefix + Day(range.First);
        var afterLast = BucketPrefix + Day(range.Last) + "|~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey lt {afterLast}");
        var rows = new List<KeyValuePair<FigureBucketKey, FigureCounters>>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            rows.Add(new(ParseKey(range.Granularity, row.RowKey), Counters(row)));
        }

        return rows;
    }

    private async Task ApplyToPartitionAsync(string partition, string marker, int shard,
        IReadOnlyCollection<KeyValuePair<FigureBucketKey, FigureCounters>> deltas, CancellationToken cancellationToken)
    {
        using var turn = await _writers.TakeAsync(partition + "|" + shard.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var rows = deltas.Select(pair => RowKey(pair.Key, shard)).ToList();
        while (true)
        {
            var current = await Task.WhenAll(rows.Select(row => CurrentAsync(partition, row, cancellationToken)));
            var sums = deltas.Zip(current, (pair, known) => (known?.Counters ?? default) + pair.Value).ToList();
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, new TableEntity(partition, marker)) };
            actions.AddRange(deltas.Zip(current, sums).Select(item => item.Second is { } known
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(partition, item.First.Key, shard, item.Third), known.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, Entity(partition, item.First.Key, shard, item.Third))));
            try
            {
                var results = (await _table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                if (_known.Count > MaxKnownRows)
                {
                    _known.Clear();
                }

                for (var i = 0; i < rows.Count; i++)
                {
                    _known[(partition, rows[i])] = new KnownBucket(sums[i], results[i + 1].Headers.ETag!.Value);
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == 0)
            {
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance updated one of these buckets: forget what this one knew and read them.
                rows.ForEach(row => _known.TryRemove((partition, row), out _));
            }
        }
    }

    /// <summary>A bucket row as this instance last wrote it, else as stored (null: no row yet).</summary>
    private async Task<KnownBucket?> CurrentAsync(string partition, string row, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue((partition, row), out var known))
        {
            return known;
        }

        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, CounterNames, cancellationToken);
        return stored.HasValue ? new KnownBucket(Counters(stored.Value!), stored.Value!.ETag) : null;
    }

    private static IEnumerable<string> Partitions(FigureRange range)
    {
        if (range.Granularity == FigureGranularity.Month)
        {
            for (var year = range.First.Year; year <= range.Last.Year; year++)
            {
                yield return "m|" + year.ToString(CultureInfo.InvariantCulture);
            }

            yield break;
        }

        for (var month = new DateOnly(range.First.Year, range.First.Month, 1); month <= range.Last; month = month.AddMonths(1))
        {
            yield return "d|" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
    }

    private static string PartitionKey(FigureBucketKey key) => key.Granularity == FigureGranularity.Month
        ? "m|" + key.Day.Year.ToString(CultureInfo.InvariantCulture)
        : "d|" + key.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string RowKey(FigureBucketKey key, int shard) =>
        $"{BucketPrefix}{Day(key.Day)}|{key.RegionCode}|{WireNames<TicketCategory>.Of(key.Category)}|{key.UnitId}|{shard.ToString(CultureInfo.InvariantCulture)}";

    // FNV-1a over the id: stable across processes, unlike string.GetHashCode.
    private static int Shard(string ticketId)
    {
        var hash = 2166136261u;
        foreach (var c in ticketId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    private static FigureBucketKey ParseKey(FigureGranularity granularity, string rowKey)
    {
        var parts = rowKey.Split('|');
        if (!WireNames<TicketCategory>.TryParse(parts[3], out var category))
            throw new InvalidDataException($"Figure row {rowKey} names no known category.");
        return new FigureBucketKey(granularity, DateOnly.ParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), parts[2], category, parts[4]);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TableEntity Entity(string partition, FigureBucketKey key, int shard, FigureCounters counters)
    {
        var entity = new TableEntity(partition, RowKey(key, shard));
        foreach (var (name, value) in Values(counters))
        {
            entity[name] = value;
        }

        return entity;
    }

    private static IEnumerable<(string Name, long Value)> Values(FigureCounters c) =>
    [
        (nameof(c.Received), c.Received), (nameof(c.ResolutionDue), c.ResolutionDue), (nameof(c.ClosedAmongDue), c.ClosedAmongDue),
        (nameof(c.OnTimeAmongDue), c.OnTimeAmongDue), (nameof(c.FirstResponses), c.FirstResponses),
        (nameof(c.FirstResponseTicks), c.FirstResponseTicks), (nameof(c.Resolutions), c.Resolutions),
        (nameof(c.ResolutionTicks), c.ResolutionTicks), (nameof(c.CallbacksReached), c.CallbacksReached),
        (nameof(c.Satisfied), c.Satisfied), (nameof(c.TicketsResolved), c.TicketsResolved),
        (nameof(c.TicketsReopened), c.TicketsReopened), (nameof(c.AcceptanceBreaches), c.AcceptanceBreaches),
        (nameof(c.ResolutionBreaches), c.ResolutionBreaches),
    ];

    private static FigureCounters Counters(TableEntity row) => new()
    {
        Received = row.GetInt64(nameof(FigureCounters.Received)) ?? 0,
        ResolutionDue = row.GetInt64(nameof(FigureCounters.ResolutionDue)) ?? 0,
        ClosedAmongDue = row.GetInt64(nameof(FigureCounters.ClosedAmongDue)) ?? 0,
        OnTimeAmongDue = row.GetInt64(nameof(FigureCounters.OnTimeAmongDue)) ?? 0,
        FirstResponses = row.GetInt64(nameof(FigureCounters.FirstResponses)) ?? 0,
        FirstResponseTicks = row.GetInt64(nameof(FigureCounters.FirstResponseTicks)) ?? 0,
        Resolutions = row.GetInt64(nameof(FigureCounters.Resolutions)) ?? 0,
        ResolutionTicks = row.GetInt64(nameof(FigureCounters.ResolutionTicks)) ?? 0,
        CallbacksReached = row.GetInt64(nameof(FigureCounters.CallbacksReached)) ?? 0,
        Satisfied = row.GetInt64(nameof(FigureCounters.Satisfied)) ?? 0,
        TicketsResolved = row.GetInt64(nameof(FigureCounters.TicketsResolved)) ?? 0,
        TicketsReopened = row.GetInt64(nameof(FigureCounters.TicketsReopened)) ?? 0,
        AcceptanceBreaches = row.GetInt64(nameof(FigureCounters.AcceptanceBreaches)) ?? 0,
        ResolutionBreaches = row.GetInt64(nameof(FigureCounters.ResolutionBreaches)) ?? 0,
    };


    private sealed record KnownBucket(FigureCounters Counters, ETag ETag);
}
