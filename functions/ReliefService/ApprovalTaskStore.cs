using Gonghui.Functions.Approvals;
using Gonghui.Functions.Relief;
using Gonghui.Storage.Tables;

namespace Gonghui.Functions.ReliefService;

/// <summary>A task row: what link handling needs, the application it belongs to and the decision recorded on it.</summary>
public sealed record StoredApprovalTask(ApprovalTaskSnapshot Snapshot, string ApplicationId, ApprovalDecision? Decision);

/// <summary>An approver's task as the pending list shows it.</summary>
public sealed record ApproverTaskEntry(string TaskId, string ApplicationId, ApprovalLevel Level, DateTimeOffset ExpiresAt);

/// <summary>
/// Approval tasks on Table storage: one row per task id (status, issued link nonces, conclusion, the decision),
/// changed only under its ETag, so the Open → Decided move happens once however many posts race; plus an
/// index row per approver and task for the pending list.
/// </summary>
public sealed class ApprovalTaskStore(TableServiceClient tables)
{
    public const string TableName = "ReliefApprovalTasks";
    public const string IndexTableName = "ReliefApproverTasks";

    private readonly LazyTable _table = new(tables, TableName);
    private readonly LazyTable _index = new(tables, IndexTableName);

    /// <summary>Creates the task row as Open; a repeat finds it and changes nothing.</summary>
    public async Task EnsureOpenAsync(string applicationId, ApprovalTask task, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(task.TaskId, "")
            {
                ["ApplicationId"] = applicationId,
                ["Status"] = ApprovalTaskStatus.Open.ToString(),
                ["Links"] = ReliefStorageJson.Write(Array.Empty<IssuedLinkRecord>()),
            }, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
        }
    }

    /// <summary>Records an issued link (before it is e-mailed) and lists the task under its approver.</summary>
    public async Task RecordLinkAsync(string applicationId, ApprovalTask task, IssuedLinkRecord link, CancellationToken cancellationToken = default)
    {
        await ChangeAsync(task.TaskId, row => row.Snapshot.IssuedLinks.Any(l => l.Nonce == link.Nonce)
            ? null
            : row.Snapshot with { IssuedLinks = [.. row.Snapshot.IssuedLinks, link] }, null, cancellationToken);
        var index = await _index.GetAsync(cancellationToken);
        await index.UpsertEntityAsync(new TableEntity(link.ApproverId, task.TaskId)
        {
            ["ApplicationId"] = applicationId,
            ["Level"] = WireName<ApprovalLevel>.Of(task.Level),
            ["ExpiresAt"] = task.ExpiresAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<StoredApprovalTask?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync(taskId, "", cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>
    /// Open → Decided under the row's ETag, marking the link used (when the decision came through one).
    /// Returns true for the one caller that made the move; everyone else gets false and the row as it is.
    /// </summary>
    public async Task<(bool Won, StoredApprovalTask? Task)> TryDecideAsync(
        string taskId, ApprovalDecision decision, ApprovalTaskConclusion conclusion, string? nonce, CancellationToken cancellationToken = default)
    {
        var won = false;
        var task = await ChangeAsync(taskId, row =>
        {
            won = false;
            if (row.Snapshot.Status != ApprovalTaskStatus.Open) return null;
            won = true;
            return row.Snapshot with
            {
                Status = ApprovalTaskStatus.Decided,
                Conclusion = conclusion,
                IssuedLinks = [.. row.Snapshot.IssuedLinks.Select(l => l.Nonce == nonce ? l with { UsedAt = decision.At } : l)],
            };
        }, decision, cancellationToken);
        return (won, task);
    }

    /// <summary>Records how the orchestration closed the task; it is the truth, so this overwrites an earlier conclusion.</summary>
    public Task CloseAsync(string taskId, ApprovalTaskConclusion conclusion, CancellationToken cancellationToken = default) =>
        ChangeAsync(taskId, row => row.Snapshot with
        {
            Status = conclusion.Kind == ApprovalTaskConclusionKind.Decided ? ApprovalTaskStatus.Decided : ApprovalTaskStatus.Closed,
            Conclusion = conclusion,
        }, null, cancellationToken);

    /// <summary>The approver's tasks that are still open.</summary>
    public async Task<IReadOnlyList<ApproverTaskEntry>> ListOpenAsync(string approverId, CancellationToken cancellationToken = default)
    {
        var index = await _index.GetAsync(cancellationToken);
        var open = new List<ApproverTaskEntry>();
        await foreach (var row in index.QueryAsync(TableOdataFilter.Create($"PartitionKey eq {approverId}"), cancellationToken: cancellationToken))
        {
            if ((await GetAsync(row.RowKey, cancellationToken))?.Snapshot.Status != ApprovalTaskStatus.Open) continue;
            WireName<ApprovalLevel>.TryParse(row.GetString("Level"), out var level);
            open.Add(new ApproverTaskEntry(row.RowKey, row.GetString("ApplicationId") ?? "", level, row.GetDateTimeOffset("ExpiresAt") ?? default));
        }
        return open;
    }

    /// <summary>Read, change (null = nothing to change), write under the ETag; a lost race starts again.</summary>
    private async Task<StoredApprovalTask?> ChangeAsync(
        string taskId, Func<StoredApprovalTask, ApprovalTaskSnapshot?> change, ApprovalDecision? decision, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        while (true)
        {
            var found = await table.GetEntityIfExistsAsync(taskId, "", cancellationToken: cancellationToken);
            if (!found.HasValue) return null;
            var current = Read(found.Value!);
            var changed = change(current);
            if (changed is null) return current;
            var entity = new TableEntity(taskId, "")
            {
                ["Status"] = changed.Status.ToString(),
                ["Links"] = ReliefStorageJson.Write(changed.IssuedLinks),
            };
            if (changed.Conclusion is not null) entity["Conclusion"] = ReliefStorageJson.Write(changed.Conclusion);
            if (decision is not null) entity["Decision"] = ReliefStorageJson.Write(decision);
            try
            {
                await table.UpdateEntityAsync(entity, found.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
                return current with { Snapshot = changed, Decision = decision ?? current.Decision };
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412)
            {
            }
        }
    }

    private static StoredApprovalTask Read(TableEntity row) => new(
        new ApprovalTaskSnapshot(row.PartitionKey, Enum.Parse<ApprovalTaskStatus>(row.GetString("Status")!),
            ReliefStorageJson.Read<List<IssuedLinkRecord>>(row, "Links"), ReliefStorageJson.ReadOptional<ApprovalTaskConclusion>(row, "Conclusion")),
        row.GetString("ApplicationId") ?? "",
        ReliefStorageJson.ReadOptional<ApprovalDecision>(row, "Decision"));
}
