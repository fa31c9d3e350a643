using Gonghui.Functions.Json;
using Gonghui.Functions.Validation;
using Azure.Data.Tables;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Stores;

/// <summary>A task row: what link handling needs, the application it belongs to and the decision recorded on it.</summary>
public sealed record StoredApprovalTask(ApprovalTaskSnapshot Snapshot, string ApplicationId, ApprovalDecision? Decision)
{
    /// <summary>The row's ETag when read.</summary>
    public Azure.ETag ETag { get; init; }
}

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

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly TableClient _index = tables.GetTableClient(IndexTableName);

    /// <summary>
    /// Creates the task row as Open with its first link and lists the task under the link's approver; a repeat (which
    /// issued another link) adds its link to the row. True when this call created the row.
    /// </summary>
    public async Task<bool> OpenAsync(string applicationId, ApprovalTask task, IssuedLinkRecord link, CancellationToken cancellationToken = default)
    {
        // The pending list skips tasks whose row is missing or not open, so the two writes may land in any order.
        var created = CreateAsync();
        await Task.WhenAll(created, ListAsync(applicationId, task, link.ApproverId, cancellationToken));
        return await created;

        async Task<bool> CreateAsync()
        {
            try
            {
                await _table.AddEntityAsync(new TableEntity(task.TaskId, "")
                {
                    ["ApplicationId"] = applicationId,
                    ["Status"] = ApprovalTaskStatus.Open.ToString(),
                    ["Links"] = AppJson.Serialize(new[] { link }),
                }, cancellationToken);
                return true;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 409)
            {
                await AddLinkAsync(task.TaskId, link, cancellationToken);
                return false;
            }
        }
    }

    /// <summary>Records an issued link (before it is e-mailed) and lists the task under its approver.</summary>
    public async Task RecordLinkAsync(string applicationId, ApprovalTask task, IssuedLinkRecord link, CancellationToken cancellationToken = default)
    {
        await AddLinkAsync(task.TaskId, link, cancellationToken);
        await ListAsync(applicationId, task, link.ApproverId, cancellationToken);
    }

    private Task AddLinkAsync(string taskId, IssuedLinkRecord link, CancellationToken cancellationToken) =>
        ChangeAsync(taskId, row => row.Snapshot.IssuedLinks.Any(l => l.Nonce == link.Nonce)
            ? null
            : row.Snapshot with { IssuedLinks = [.. row.Snapshot.IssuedLinks, link] }, null, null, cancellationToken);

    private async Task ListAsync(string applicationId, ApprovalTask task, string approverId, CancellationToken cancellationToken)
    {
        await _index.UpsertEntityAsync(new TableEntity(approverId, task.TaskId)
        {
            ["ApplicationId"] = applicationId,
            ["Level"] = WireNames<ApprovalLevel>.Of(task.Level),
            ["ExpiresAt"] = task.ExpiresAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<StoredApprovalTask?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(taskId, "", cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>
    /// Open → Decided under the row's ETag, marking the link used (when the decision came through one).
    /// Returns true for the one caller that made the move; everyone else gets false and the row as it is.
    /// </summary>
    /// <param name="known">The row as the caller read it (its ETag is tried first), or null to read it.</param>
    public async Task<(bool Won, StoredApprovalTask? Task)> TryDecideAsync(StoredApprovalTask? known,
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
        }, decision, known, cancellationToken);
        return (won, task);
    }

    /// <summary>
    /// Records how the orchestration closed the task; it is the truth, so this overwrites an earlier conclusion
    /// without reading the row (a decision racing it re-reads on its ETag and finds the task closed).
    /// </summary>
    public async Task CloseAsync(string taskId, ApprovalTaskConclusion conclusion, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(taskId, "")
            {
                ["Status"] = (conclusion.Kind == ApprovalTaskConclusionKind.Decided ? ApprovalTaskStatus.Decided : ApprovalTaskStatus.Closed).ToString(),
                ["Conclusion"] = AppJson.Serialize(conclusion),
            }, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No row, nothing to close (the task was never opened).
        }
    }

    /// <summary>The approver's tasks that are still open.</summary>
    public async Task<IReadOnlyList<ApproverTaskEntry>> ListOpenAsync(string approverId, CancellationToken cancellationToken = default)
    {
        var open = new List<ApproverTaskEntry>();
        await foreach (var row in _index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {approverId}"), cancellationToken: cancellationToken))
        {
            if ((await GetAsync(row.RowKey, cancellationToken))?.Snapshot.Status != ApprovalTaskStatus.Open) continue;
            if (!WireNames<ApprovalLevel>.TryParse(row.GetString("Level"), out var level))
                throw new InvalidDataException($"Approver index row {row.RowKey} has an unknown level.");
            open.Add(new ApproverTaskEntry(row.RowKey, row.GetString("ApplicationId") ?? "", level, row.GetDateTimeOffset("ExpiresAt") ?? default));
        }
        return open;
    }

    /// <summary>Read (or start from <paramref name="known"/>), change (null = nothing to change), write under the ETag; a lost race starts again.</summary>
    private async Task<StoredApprovalTask?> ChangeAsync(string taskId, Func<StoredApprovalTask, ApprovalTaskSnapshot?> change,
        ApprovalDecision? decision, StoredApprovalTask? known, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = known ?? await GetAsync(taskId, cancellationToken);
            known = null;
            if (current is null) return null;
            var changed = change(current);
            if (changed is null) return current;
            var entity = new TableEntity(taskId, "")
            {
                ["Status"] = changed.Status.ToString(),
                ["Links"] = AppJson.Serialize(changed.IssuedLinks),
            };
            if (changed.Conclusion is not null) entity["Conclusion"] = AppJson.Serialize(changed.Conclusion);
            if (decision is not null) entity["Decision"] = AppJson.Serialize(decision);
            try
            {
                await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Merge, cancellationToken);
                return current with { Snapshot = changed, Decision = decision ?? current.Decision };
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412)
            {
            }
        }
    }

    private static StoredApprovalTask Read(TableEntity row) => new(
        new ApprovalTaskSnapshot(row.PartitionKey, Enum.Parse<ApprovalTaskStatus>(row.GetString("Status")!),
            AppJson.Deserialize<List<IssuedLinkRecord>>(row.GetString("Links")!), AppJson.DeserializeOptional<ApprovalTaskConclusion>(row.GetString("Conclusion"))),
        row.GetString("ApplicationId") ?? "",
        AppJson.DeserializeOptional<ApprovalDecision>(row.GetString("Decision"))) { ETag = row.ETag };
}
