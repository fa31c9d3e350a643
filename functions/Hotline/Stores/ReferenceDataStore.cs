using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Json;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>
/// Admin-edited hotline data in <see cref="TableName"/>: one row per holiday calendar year, the routing data and the
/// policy, each as JSON. <see cref="SeedAsync"/> inserts the defaults only where nothing is stored, so it never
/// overwrites an admin's edit. Reads are cached briefly; this instance's own edits clear the cache at once.
/// </summary>
public sealed class ReferenceDataStore(TableServiceClient tables, TimeProvider clock) : IDisposable
{
    public const string TableName = "HotlineReference";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private (HotlineReference Reference, DateTimeOffset LoadedAt)? _cache;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var defaults = StateCouncilHolidayArrangements.All
            .Select(year => Row("calendar", year.Year.ToString(CultureInfo.InvariantCulture), year))
            .Append(Row("routing", "current", RoutingData.Seed))
            .Append(Row("policy", "current", HotlinePolicy.Default));
        foreach (var row in defaults)
        {
            try
            {
                await _table.AddEntityAsync(row, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }
        }

        _cache = null;
    }

    public async Task<HotlineReference> GetAsync(CancellationToken cancellationToken)
    {
        if (_cache is { } cached && clock.GetUtcNow() - cached.LoadedAt < CacheFor)
        {
            return cached.Reference;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_cache is { } again && clock.GetUtcNow() - again.LoadedAt < CacheFor)
            {
                return again.Reference;
            }

            var reference = await LoadAsync(cancellationToken);
            _cache = (reference, clock.GetUtcNow());
            return reference;
        }
        finally
        {
            _loading.Release();
        }
    }

    public async Task SaveCalendarYearAsync(HolidayCalendarYear year, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(Row("calendar", year.Year.ToString(CultureInfo.InvariantCulture), year), TableUpdateMode.Replace, cancellationToken);
        _cache = null;
    }

    public async Task SaveRoutingAsync(RoutingData routing, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(Row("routing", "current", routing), TableUpdateMode.Replace, cancellationToken);
        _cache = null;
    }

    public async Task SavePolicyAsync(HotlinePolicy policy, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(Row("policy", "current", policy), TableUpdateMode.Replace, cancellationToken);
        _cache = null;
    }

    private async Task<HotlineReference> LoadAsync(CancellationToken cancellationToken)
    {
        var years = new List<HolidayCalendarYear>();
        RoutingData? routing = null;
        HotlinePolicy? policy = null;
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            var json = row.GetString("Data")!;
            switch (row.PartitionKey)
            {
                case "calendar":
                    years.Add(AppJson.Deserialize<HolidayCalendarYear>(json));
                    break;
                case "routing":
                    routing = AppJson.Deserialize<RoutingData>(json);
                    break;
                case "policy":
                    policy = AppJson.Deserialize<HotlinePolicy>(json);
                    break;
            }
        }

        return new HotlineReference(years, routing ?? RoutingData.Seed, policy ?? HotlinePolicy.Default);
    }

    private static TableEntity Row<T>(string partition, string row, T data) => new(partition, row) { ["Data"] = AppJson.Serialize(data) };


    public void Dispose() => _loading.Dispose();
}
