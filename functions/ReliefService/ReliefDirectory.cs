using Gonghui.Functions.Relief;
using Gonghui.Storage.Tables;

namespace Gonghui.Functions.ReliefService;

/// <summary>The approver and deputy of one level for one region; <see cref="Approver.Id"/> is also the name of the approver's API key.</summary>
public sealed record LevelApprovers(Approver Approver, Approver Deputy);

/// <summary>A handling unit's contact for relief notifications.</summary>
public sealed record UnitContact(string Name, string Email);

/// <summary>
/// Who approves at which level for which region (keyed by the level's region code, see
/// <see cref="ApprovalLevelNames.RegionCodeFor"/>) and where units are notified.
/// </summary>
public sealed class ReliefDirectory(TableServiceClient tables)
{
    public const string TableName = "ReliefDirectory";
    private const string UnitPartition = "unit";

    private readonly LazyTable _table = new(tables, TableName);

    public async Task SetApproversAsync(ApprovalLevel level, string regionCode, LevelApprovers approvers, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(ApproverPartition(regionCode), WireName<ApprovalLevel>.Of(level))
        {
            ["Json"] = ReliefStorageJson.Write(approvers),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<LevelApprovers?> FindApproversAsync(ApprovalLevel level, string regionCode, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync(ApproverPartition(regionCode), WireName<ApprovalLevel>.Of(level), cancellationToken: cancellationToken);
        return row.HasValue ? ReliefStorageJson.Read<LevelApprovers>(row.Value!, "Json") : null;
    }

    public async Task SetUnitAsync(string unit, UnitContact contact, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(UnitPartition, unit) { ["Json"] = ReliefStorageJson.Write(contact) },
            TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<UnitContact?> FindUnitAsync(string unit, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync(UnitPartition, unit, cancellationToken: cancellationToken);
        return row.HasValue ? ReliefStorageJson.Read<UnitContact>(row.Value!, "Json") : null;
    }

    private static string ApproverPartition(string regionCode) => "approvers|" + regionCode;
}
