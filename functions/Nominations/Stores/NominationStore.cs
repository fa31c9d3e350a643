using Azure.Data.Tables;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Stores;

/// <summary>
/// Nominations on Table storage, one partition per campaign, so that what must change together does so in one
/// entity-group transaction: the nomination row (<c>n|{id}</c>: content, details, review state), its history rows
/// (<c>h|{id}|{index}</c>, one per entry, never rewritten) and the person row (<c>p|{national ID keyed hash}</c>,
/// naming the nomination), which makes a person nominated at most once per campaign: a second submission's insert
/// fails and nothing of it is written. The full national ID is only inside the content and details.
/// </summary>
public sealed class NominationStore(TableServiceClient tables)
{
    public const string TableName = "Nominations";
    private const string NominationPrefix = "n|";
    private const string PersonPrefix = "p|";
    private const string HistoryPrefix = "h|";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>Stores a new draft; false when the id exists already.</summary>
    public async Task<bool> CreateDraftAsync(StoredNomination draft, CancellationToken cancellationToken = default)
    {
        if (draft.Status != NominationStatus.Draft) throw new ArgumentException("A new nomination is a draft.", nameof(draft));
        try
        {
            await _table.AddEntityAsync(new TableEntity(draft.CampaignId, NominationPrefix + draft.NominationId)
            {
                ["NominationId"] = draft.NominationId,
                ["UnionId"] = draft.UnionId,
                ["CountyCode"] = draft.CountyCode,
                ["CreatedById"] = draft.CreatedById,
                ["CreatedByName"] = draft.CreatedByName,
                ["CreatedAt"] = draft.CreatedAt,
                ["Status"] = WireNames<NominationStatus>.Of(NominationStatus.Draft),
                ["NomineeName"] = draft.Content.Nominee?.Name?.Trim(),
                ["Content"] = AppJson.Serialize(draft.Content),
                ["Sequence"] = 0,
                ["HistoryCount"] = 0,
            }, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredNomination?> GetAsync(string campaignId, string nominationId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaignId, NominationPrefix + nominationId, cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Replaces a draft's content if the draft is still as read.</summary>
    public async Task<NominationWriteResult> SaveDraftAsync(StoredNomination known, NominationRequest content, CancellationToken cancellationToken = default)
    {
        if (known.Status != NominationStatus.Draft) return new(NominationWriteOutcome.WrongStatus);
        return await WriteAsync([new(TableTransactionActionType.UpdateMerge, new TableEntity(known.CampaignId, NominationPrefix + known.NominationId)
        {
            ["NomineeName"] = content.Nominee?.Name?.Trim(),
            ["Content"] = AppJson.Serialize(content),
        }, known.ETag)], cancellationToken);
    }

    /// <summary>
    /// Submits a draft (still as read): its checked details, the person row under the ID's keyed hash, and the review's
    /// first state with its history, in one transaction. A person already nominated in the campaign refuses it.
    /// </summary>
    public async Task<NominationWriteResult> SubmitAsync(StoredNomination known, NominationRequest content, NominationDetails details,
        string nationalIdHash, DateTimeOffset submittedAt, NominationReviewState state, CancellationToken cancellationToken = default)
    {
        if (known.Status != NominationStatus.Draft) return new(NominationWriteOutcome.WrongStatus);
        var row = DetailsEntity(known, content, details, nationalIdHash);
        row["SubmittedAt"] = submittedAt;
        AddState(row, state, 0);
        return await WriteAsync(
        [
            new(TableTransactionActionType.UpdateMerge, row, known.ETag),
            PersonAction(known, nationalIdHash),
            .. HistoryActions(known.CampaignId, state, from: 0),
        ], cancellationToken);
    }

    /// <summary>
    /// Stores a returned nomination's revision (still as read); the workflow's <see cref="NominationReviewWorkflow.Resubmit"/>
    /// follows. A changed national ID moves the person row in the same transaction.
    /// </summary>
    public async Task<NominationWriteResult> ReviseAsync(StoredNomination known, NominationRequest content, NominationDetails details,
        string nationalIdHash, CancellationToken cancellationToken = default)
    {
        if (known.Status != NominationStatus.Returned) return new(NominationWriteOutcome.WrongStatus);
        var previousHash = known.NationalIdHash;
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateMerge, DetailsEntity(known, content, details, nationalIdHash), known.ETag)];
        if (previousHash != nationalIdHash)
        {
            actions.Add(PersonAction(known, nationalIdHash));
            if (previousHash is not null)
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(known.CampaignId, PersonPrefix + previousHash), Azure.ETag.All));
        }
        return await WriteAsync(actions, cancellationToken);
    }

    /// <summary>
    /// Saves the review state of step <paramref name="sequence"/> and the history entries not stored yet, unless a later
    /// step's state is stored already (a late rerun of an earlier activity must not turn the nomination back).
    /// </summary>
    public async Task SaveStateAsync(NominationReviewState state, int sequence, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var row = (await _table.GetEntityAsync<TableEntity>(state.CampaignId, NominationPrefix + state.NominationId,
                ["Sequence", "HistoryCount"], cancellationToken)).Value;
            if ((row.GetInt32("Sequence") ?? 0) >= sequence) return;
            var entity = new TableEntity(state.CampaignId, NominationPrefix + state.NominationId);
            AddState(entity, state, sequence);
            try
            {
                await _table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateMerge, entity, row.ETag),
                    .. HistoryActions(state.CampaignId, state, from: row.GetInt32("HistoryCount") ?? 0),
                ], cancellationToken);
                return;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412)
            {
                // Another save came first: read its sequence and judge again.
            }
        }
    }

    /// <summary>The nomination that has this person in the campaign, or null.</summary>
    public async Task<string?> FindByPersonAsync(string campaignId, string nationalIdHash, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaignId, PersonPrefix + nationalIdHash, ["NominationId"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("NominationId") : null;
    }

    /// <summary>The campaign's nominations (those of one union when <paramref name="unionId"/> is given).</summary>
    public async Task<IReadOnlyList<NominationSummary>> ListAsync(string campaignId, string? unionId = null, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey gt {NominationPrefix} and RowKey lt {NominationPrefix + "~"}");
        if (unionId is not null) filter += " and " + TableClient.CreateQueryFilter($"UnionId eq {unionId}");
        var list = new List<NominationSummary>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter,
                           select: ["NominationId", "UnionId", "CountyCode", "Status", "Level", "NomineeName", "OccupationCategory"], cancellationToken: cancellationToken))
        {
            list.Add(new NominationSummary(row.GetString("NominationId")!, row.GetString("UnionId")!, row.GetString("CountyCode")!,
                WireNames<NominationStatus>.Parse(row.GetString("Status")),
                WireNames<ReviewLevel>.TryParse(row.GetString("Level"), out var level) ? level : null,
                row.GetString("NomineeName"),
                WireNames<OccupationCategory>.TryParse(row.GetString("OccupationCategory"), out var category) ? category : null));
        }
        return list;
    }

    /// <summary>Every nomination of the campaign with its content, for the campaign change check.</summary>
    public async Task<IReadOnlyList<StoredNomination>> ListWithContentAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var list = new List<StoredNomination>();
        await foreach (var row in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey gt {NominationPrefix} and RowKey lt {NominationPrefix + "~"}"),
                           cancellationToken: cancellationToken))
            list.Add(Read(row));
        return list;
    }

    public async Task<IReadOnlyList<NominationHistoryEntry>> HistoryAsync(string campaignId, string nominationId, CancellationToken cancellationToken = default)
    {
        var prefix = $"{HistoryPrefix}{nominationId}|";
        var entries = new List<NominationHistoryEntry>();
        await foreach (var row in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey gt {prefix} and RowKey lt {prefix + "~"}"),
                           select: ["Entry"], cancellationToken: cancellationToken))
            entries.Add(AppJson.Deserialize<NominationHistoryEntry>(row.GetString("Entry")!));
        return entries;
    }

    private async Task<NominationWriteResult> WriteAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return new(NominationWriteOutcome.Written);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is { } index
                                                        && actions[index].Entity.RowKey.StartsWith(PersonPrefix, StringComparison.Ordinal))
        {
            var person = await _table.GetEntityIfExistsAsync<TableEntity>(actions[index].Entity.PartitionKey, actions[index].Entity.RowKey,
                ["NominationId"], cancellationToken);
            return new(NominationWriteOutcome.DuplicateNominee, person.HasValue ? person.Value!.GetString("NominationId") : null);
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 412)
        {
            return new(NominationWriteOutcome.Changed);
        }
    }

    private static TableEntity DetailsEntity(StoredNomination known, NominationRequest content, NominationDetails details, string nationalIdHash) =>
        new(known.CampaignId, NominationPrefix + known.NominationId)
        {
            ["NomineeName"] = details.Nominee.Name,
            ["OccupationCategory"] = WireNames<OccupationCategory>.Of(details.Nominee.OccupationCategory),
            ["NationalIdHash"] = nationalIdHash,
            ["Content"] = AppJson.Serialize(content),
            ["Details"] = AppJson.Serialize(details),
        };

    private static TableTransactionAction PersonAction(StoredNomination known, string nationalIdHash) =>
        new(TableTransactionActionType.Add, new TableEntity(known.CampaignId, PersonPrefix + nationalIdHash) { ["NominationId"] = known.NominationId });

    private static void AddState(TableEntity entity, NominationReviewState state, int sequence)
    {
        entity["Status"] = WireNames<NominationStatus>.Of(state.Status);
        entity["Level"] = WireNames<ReviewLevel>.Of(state.Level);
        entity["State"] = AppJson.Serialize(state);
        entity["Sequence"] = sequence;
        entity["HistoryCount"] = state.History.Count;
    }

    private static IEnumerable<TableTransactionAction> HistoryActions(string campaignId, NominationReviewState state, int from) =>
        state.History.Skip(from).Select((entry, i) => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(campaignId, $"{HistoryPrefix}{state.NominationId}|{from + i:D5}") { ["Entry"] = AppJson.Serialize(entry) }));

    private static StoredNomination Read(TableEntity row) => new()
    {
        CampaignId = row.PartitionKey,
        NominationId = row.GetString("NominationId")!,
        UnionId = row.GetString("UnionId")!,
        CountyCode = row.GetString("CountyCode")!,
        CreatedById = row.GetString("CreatedById")!,
        CreatedByName = row.GetString("CreatedByName")!,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        Status = WireNames<NominationStatus>.Parse(row.GetString("Status")),
        Content = AppJson.Deserialize<NominationRequest>(row.GetString("Content")!),
        Details = AppJson.DeserializeOptional<NominationDetails>(row.GetString("Details")),
        SubmittedAt = row.GetDateTimeOffset("SubmittedAt"),
        NationalIdHash = row.GetString("NationalIdHash"),
        State = AppJson.DeserializeOptional<NominationReviewState>(row.GetString("State")),
        Sequence = row.GetInt32("Sequence") ?? 0,
        ETag = row.ETag,
    };
}
