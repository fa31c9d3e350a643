using System.Text.Json;
using Azure.Data.Tables;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

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

    private readonly LazyTable _table = new(tables, TableName);

    public async Task SetReviewersAsync(ReviewLevel level, string regionCode, IReadOnlyList<Reviewer> reviewers, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(ReviewerPartition(regionCode), WireName<ReviewLevel>.Of(level))
        {
            ["Json"] = JsonSerializer.Serialize(reviewers, JsonSerializerOptions.Web),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The reviewers of a level and region, or null when none are set.</summary>
    public async Task<IReadOnlyList<Reviewer>?> FindReviewersAsync(ReviewLevel level, string regionCode, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ReviewerPartition(regionCode), WireName<ReviewLevel>.Of(level),
            cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<List<Reviewer>>(row.Value!.GetString("Json")!, JsonSerializerOptions.Web) : null;
    }

    public async Task SetUnionAsync(string unionId, UnionContact contact, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(UnionPartition, unionId) { ["Json"] = JsonSerializer.Serialize(contact, JsonSerializerOptions.Web) },
            TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<UnionContact?> FindUnionAsync(string unionId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(UnionPartition, unionId, cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<UnionContact>(row.Value!.GetString("Json")!, JsonSerializerOptions.Web) : null;
    }

    private static string ReviewerPartition(string regionCode) => "reviewers|" + regionCode;
}
