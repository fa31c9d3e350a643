using Azure.Data.Tables;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations.Functions.Review;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Stores;

/// <summary>A review task row: what link handling needs, whose nomination it is, and the decision recorded on it.</summary>
public sealed record StoredReviewTask(ApprovalTaskSnapshot Snapshot, string CampaignId, string NominationId, NominationAction? Decision, Azure.ETag ETag);

/// <summary>
/// Review tasks on Table storage: one row per task id (status, the links issued for it, how it ended, the decision),
/// changed only under its ETag, so Open → Decided happens once however many reviewers post at once: one decision per
/// task, and every link of the task is spent by it.
/// </summary>
public sealed class ReviewTaskStore(TableServiceClient tables)
{
    public const string TableName = "NominationReviewTasks";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>
    /// Creates the task row as Open with its links; a repeat (which issued other links) adds its links. True when this
    /// call created the row.
    /// </summary>
    public async Task<bool> OpenAsync(string campaignId, string nominationId, string taskId, IReadOnlyList<IssuedLinkRecord> links,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(taskId, "")
            {
                ["CampaignId"] = campaignId,
                ["NominationId"] = nominationId,
                ["Status"] = WireNames<ApprovalTaskStatus>.Of(ApprovalTaskStatus.Open),
                ["Links"] = AppJson.Serialize(links),
            }, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            await AddLinksAsync(taskId, links, cancellationToken);
            return false;
        }
    }

    /// <summary>Records links issued for reminders before they are e-mailed.</summary>
    public Task AddLinksAsync(string taskId, IReadOnlyList<IssuedLinkRecord> links, CancellationToken cancellationToken = default) =>
        ChangeAsync(taskId, row => links.All(link => row.Snapshot.IssuedLinks.Any(known => known.Nonce == link.Nonce))
            ? null
            : row.Snapshot with { IssuedLinks = [.. row.Snapshot.IssuedLinks, .. links.Where(link => row.Snapshot.IssuedLinks.All(k => k.Nonce != link.Nonce))] },
            null, cancellationToken);

    public async Task<StoredReviewTask?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(taskId, "", cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Open → Decided, marking the link used; true for the one caller that made the move, with the row as it is now.</summary>
    public async Task<(bool Won, StoredReviewTask? Task)> TryDecideAsync(string taskId, NominationAction decision, ApprovalTaskConclusion conclusion,
        string nonce, CancellationToken cancellationToken = default)
    {
        var won = false;
        var task = await ChangeAsync(taskId, row =>
        {
            won = row.Snapshot.Status == ApprovalTaskStatus.Open;
            return won
                ? row.Snapshot with
                {
                    Status = ApprovalTaskStatus.Decided,
                    Conclusion = conclusion,
                    IssuedLinks = [.. row.Snapshot.IssuedLinks.Select(l => l.Nonce == nonce ? l with { UsedAt = decision.At } : l)],
                }
                : null;
        }, decision, cancellationToken);
        return (won, task);
    }

    /// <summary>Closes a task nobody decided (the nomination was withdrawn); a decided task keeps its decision.</summary>
    public Task CloseAsync(string taskId, ApprovalTaskConclusion conclusion, CancellationToken cancellationToken = default) =>
        ChangeAsync(taskId, row => row.Snapshot.Status == ApprovalTaskStatus.Open
            ? row.Snapshot with { Status = ApprovalTaskStatus.Closed, Conclusion = conclusion }
            : null, null, cancellationToken);

    /// <summary>Read, change (null = nothing to change), write under the ETag; a lost race starts again.</summary>
    private async Task<StoredReviewTask?> ChangeAsync(string taskId, Func<StoredReviewTask, ApprovalTaskSnapshot?> change, NominationAction? decision,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await GetAsync(taskId, cancellationToken) is not { } current) return null;
            if (change(current) is not { } changed) return current;
            var entity = new TableEntity(taskId, "")
            {
                ["Status"] = WireNames<ApprovalTaskStatus>.Of(changed.Status),
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
                // Changed meanwhile: judge again on what is there now.
            }
        }
    }

    private static StoredReviewTask Read(TableEntity row) => new(
        new ApprovalTaskSnapshot(row.PartitionKey, WireNames<ApprovalTaskStatus>.Parse(row.GetString("Status")),
            AppJson.Deserialize<List<IssuedLinkRecord>>(row.GetString("Links")!), AppJson.DeserializeOptional<ApprovalTaskConclusion>(row.GetString("Conclusion"))),
        row.GetString("CampaignId")!, row.GetString("NominationId")!, AppJson.DeserializeOptional<NominationAction>(row.GetString("Decision")), row.ETag);
}
