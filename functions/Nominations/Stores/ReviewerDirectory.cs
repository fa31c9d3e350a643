using Azure.Data.Tables;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Stores;

/// <summary>A nominating union's contact for the review's notices.</summary>
public sealed record UnionContact(string Name, string Email);

/// <summary>
/// Who reviews nominations at which level for which region (keyed by the level's region code, see
/// <see cref="ReviewLevels.RegionCodeFor"/>), and where nominating unions are told of decisions. Read by the activity
/// that opens a task, so a change applies to every task opened after it.
/// </summary>
public sealed class ReviewerDirectory(TableServiceClient tables)
{
    public const string TableName = "NominationDirectory";
    private const string UnionPartition = "union";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task SetReviewersAsync(ReviewLevel level, string regionCode, IReadOnlyList<Reviewer> reviewers, CancellationToken cancellationToken = default)
    {
        await _table.UpsertEntityAsync(new TableEntity(ReviewerPartition(regionCode), WireNames<ReviewLevel>.Of(level))
        {
            ["Json"] = AppJson.Serialize(reviewers),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The reviewers of a level and region, or null when none are set.</summary>
    public async Task<IReadOnlyList<Reviewer>?> FindReviewersAsync(ReviewLevel level, string regionCode, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(ReviewerPartition(regionCode), WireNames<ReviewLevel>.Of(level),
            cancellationToken: cancellationToken);
        return row.HasValue ? AppJson.Deserialize<List<Reviewer>>(row.Value!.GetString("Json")!) : null;
    }

    public async Task SetUnionAsync(string unionId, UnionContact contact, CancellationToken cancellationToken = default)
    {
        await _table.UpsertEntityAsync(new TableEntity(UnionPartition, unionId) { ["Json"] = AppJson.Serialize(contact) },
            TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<UnionContact?> FindUnionAsync(string unionId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(UnionPartition, unionId, cancellationToken: cancellationToken);
        return row.HasValue ? AppJson.Deserialize<UnionContact>(row.Value!.GetString("Json")!) : null;
    }

    private static string ReviewerPartition(string regionCode) => "reviewers|" + regionCode;
}
