using Azure.Data.Tables;
using Gonghui.Functions.Concurrency;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Quotas;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Stores;

/// <summary>
/// Quota places on Table storage: one partition per <see cref="QuotaKey"/> holding the count row (places, used) and
/// one row per nomination that took a place. Taking a place writes the count (under its ETag) and the place row in
/// one entity-group transaction, so racing forwards serialize on the count and never take more places than there
/// are; a lost race reads again and asks <see cref="QuotaLedger"/> again, and a repeated step finds its place row.
/// Within one instance the forwards of a region take turns, so they do not lose ETag races to each other.
/// </summary>
public sealed class QuotaStore(TableServiceClient tables)
{
    public const string TableName = "NominationQuotas";
    private const string CountRow = "count";
    private const string PlaceRowPrefix = "place|";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly KeyedTurns _turns = new();

    public async Task<QuotaCount?> GetAsync(QuotaKey key, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(key.ToString(), CountRow, cancellationToken: cancellationToken);
        return row.HasValue ? ReadCount(key, row.Value!) : null;
    }

    /// <summary>Every region's count in a campaign (for the figures and the campaign change check).</summary>
    public async Task<IReadOnlyList<QuotaCount>> ListAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var (from, to) = ($"{campaignId}|", $"{campaignId}|~");
        var counts = new List<QuotaCount>();
        await foreach (var row in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey gt {from} and PartitionKey lt {to} and RowKey eq {CountRow}"),
                           cancellationToken: cancellationToken))
        {
            if (KeyOf(row) is { } key && key.CampaignId == campaignId) counts.Add(ReadCount(key, row));
        }
        return counts;
    }

    /// <summary>Sets a region's places; false (nothing written) when fewer than the places already taken.</summary>
    public async Task<bool> SetPlacesAsync(QuotaKey key, int places, CancellationToken cancellationToken = default)
    {
        using var turn = await _turns.TakeAsync(key.ToString(), cancellationToken);
        while (true)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(key.ToString(), CountRow, cancellationToken: cancellationToken);
            var count = row.HasValue ? ReadCount(key, row.Value!) : null;
            if (!QuotaLedger.CanSetPlaces(count, places)) return false;
            var entity = CountEntity(new QuotaCount(key, places, count?.Used ?? 0));
            try
            {
                if (row.HasValue)
                    await _table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else
                    await _table.AddEntityAsync(entity, cancellationToken);
                return true;
            }
            catch (Azure.RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A place was taken (or the row created) meanwhile: judge again on what is there now.
            }
        }
    }

    /// <summary>
    /// Takes a place for <paramref name="nominationId"/>: Reserved, AlreadyReserved (it held one), Full or NoQuota.
    /// The count after a reservation, or as found when refused, comes back for the reviewers' message.
    /// </summary>
    public async Task<(QuotaOutcome Outcome, QuotaCount? Count)> ReserveAsync(QuotaKey key, string nominationId, CancellationToken cancellationToken = default)
    {
        var partition = key.ToString();
        using var turn = await _turns.TakeAsync(partition, cancellationToken);
        while (true)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, CountRow, cancellationToken: cancellationToken);
            var count = row.HasValue ? ReadCount(key, row.Value!) : null;
            var (outcome, next) = QuotaLedger.Reserve(count, nominationHoldsPlace: false);
            if (next is null)
            {
                // Refused on the count: a repeat of a step that took its place before the quota filled still holds it.
                var held = await _table.GetEntityIfExistsAsync<TableEntity>(partition, PlaceRowPrefix + nominationId, ["RowKey"], cancellationToken);
                return (held.HasValue ? QuotaOutcome.AlreadyReserved : outcome, count);
            }
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.UpdateReplace, CountEntity(next), row.Value!.ETag),
                new(TableTransactionActionType.Add, new TableEntity(partition, PlaceRowPrefix + nominationId)),
            ];
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return (outcome, next);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 1)
            {
                return (QuotaOutcome.AlreadyReserved, count);
            }
            catch (Azure.RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance took a place meanwhile: read the count again.
            }
        }
    }

    /// <summary>The nominations holding places in a region, for figures and checks.</summary>
    public async Task<IReadOnlyList<string>> HoldersAsync(QuotaKey key, CancellationToken cancellationToken = default)
    {
        var holders = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {key.ToString()} and RowKey gt {PlaceRowPrefix} and RowKey lt {PlaceRowPrefix + "~"}"),
                           select: ["RowKey"], cancellationToken: cancellationToken))
            holders.Add(row.RowKey[PlaceRowPrefix.Length..]);
        return holders;
    }

    private static QuotaKey? KeyOf(TableEntity row) =>
        row.GetString("CampaignId") is { } campaignId && WireNames<ReviewLevel>.TryParse(row.GetString("Level"), out var level)
        && row.GetString("RegionCode") is { } regionCode
            ? new QuotaKey(campaignId, level, regionCode)
            : null;

    private static QuotaCount ReadCount(QuotaKey key, TableEntity row) => new(key, row.GetInt32("Places") ?? 0, row.GetInt32("Used") ?? 0);

    private static TableEntity CountEntity(QuotaCount count) => new(count.Key.ToString(), CountRow)
    {
        ["CampaignId"] = count.Key.CampaignId,
        ["Level"] = WireNames<ReviewLevel>.Of(count.Key.Level),
        ["RegionCode"] = count.Key.RegionCode,
        ["Places"] = count.Places,
        ["Used"] = count.Used,
    };
}
