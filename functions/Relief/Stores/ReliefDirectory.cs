using Gonghui.Functions.Json;
using Gonghui.Functions.Validation;
using System.Collections.Concurrent;
using Azure.Data.Tables;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Stores;

/// <summary>A handling unit's contact for relief notifications.</summary>
public sealed record UnitContact(string Name, string Email);

/// <summary>
/// Who approves at which level for which region (keyed by the level's region code, see
/// <see cref="ApprovalLevelNames.RegionCodeFor"/>) and where units are notified. Every approval step looks its
/// approvers up, so lookups are remembered for <see cref="ApproversCacheTime"/>: a change made through this instance
/// applies at once, one made through another instance to tasks opened here within that time (a missing entry is not
/// remembered).
/// </summary>
public sealed class ReliefDirectory(TableServiceClient tables)
{
    public const string TableName = "ReliefDirectory";
    public static readonly TimeSpan ApproversCacheTime = TimeSpan.FromSeconds(10);
    private const string UnitPartition = "unit";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    // Expiry runs on the machine's tick count, not the app's TimeProvider: it paces storage reads, it is not business time.
    private readonly ConcurrentDictionary<string, (LevelApprovers Approvers, long ExpiresAt)> _approvers = new(StringComparer.Ordinal);

    public async Task SetApproversAsync(ApprovalLevel level, string regionCode, LevelApprovers approvers, CancellationToken cancellationToken = default)
    {
        await _table.UpsertEntityAsync(new TableEntity(ApproverPartition(regionCode), WireNames<ApprovalLevel>.Of(level))
        {
            ["Json"] = AppJson.Serialize(approvers),
        }, TableUpdateMode.Replace, cancellationToken);
        _approvers.TryRemove(CacheKey(level, regionCode), out _);
    }

    public async Task<LevelApprovers?> FindApproversAsync(ApprovalLevel level, string regionCode, CancellationToken cancellationToken = default)
    {
        var cacheKey = CacheKey(level, regionCode);
        if (_approvers.TryGetValue(cacheKey, out var cached) && Environment.TickCount64 < cached.ExpiresAt)
            return cached.Approvers;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(ApproverPartition(regionCode), WireNames<ApprovalLevel>.Of(level), cancellationToken: cancellationToken);
        if (!row.HasValue)
            return null;
        var approvers = AppJson.Deserialize<LevelApprovers>(row.Value!.GetString("Json")!);
        _approvers[cacheKey] = (approvers, Environment.TickCount64 + (long)ApproversCacheTime.TotalMilliseconds);
        return approvers;
    }

    public async Task SetUnitAsync(string unit, UnitContact contact, CancellationToken cancellationToken = default)
    {
        await _table.UpsertEntityAsync(new TableEntity(UnitPartition, unit) { ["Json"] = AppJson.Serialize(contact) },
            TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<UnitContact?> FindUnitAsync(string unit, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(UnitPartition, unit, cancellationToken: cancellationToken);
        return row.HasValue ? AppJson.Deserialize<UnitContact>(row.Value!.GetString("Json")!) : null;
    }

    private static string ApproverPartition(string regionCode) => "approvers|" + regionCode;

    private static string CacheKey(ApprovalLevel level, string regionCode) => regionCode + "|" + WireNames<ApprovalLevel>.Of(level);
}
