using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Gonghui.Functions.Json;
using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Stores;

/// <summary>
/// The search side of the registry, in the table <see cref="TableName"/>: one row per record, partitioned by its region
/// code and keyed by name and record id, so a region's records come in name order, a name or name prefix is a key
/// range, and a staff member's search reads their region's partitions only. Each row carries the masked summary and
/// sparse flag columns the filters test on the server: Status, A_{award}, Y_{year} and AY_{award}_{year}.
/// A row is only replaced by a newer version of its record; the record store is the truth, this follows it.
/// </summary>
public sealed class SearchIndexStore(TableServiceClient tables)
{
    public const string TableName = "RegistrySearch";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>The row key of a record in its region: name, '|', record id.</summary>
    public static string Key(string name, string recordId) => name + "|" + recordId;

    /// <summary>Brings the record's row to this version (unless a newer one is there) and removes the row of its old region or name.</summary>
    public async Task IndexAsync(RegistrySummary summary, RegistrySummary? previous, CancellationToken cancellationToken)
    {
        var entity = Entity(summary);
        // A first version has no row yet: add it at once. Later versions read the row first (one request when it is up to date).
        var tryAdd = summary.Version == 1;
        while (true)
        {
            if (tryAdd)
            {
                try
                {
                    await _table.AddEntityAsync(entity, cancellationToken);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                }
            }
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, ["Version"], cancellationToken);
            if (!existing.HasValue)
            {
                tryAdd = true;
                continue;
            }
            if (existing.Value!.GetInt32("Version") >= summary.Version) break;
            try
            {
                await _table.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                break;
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
            }
        }

        if (previous is not null && (previous.Region != summary.Region || previous.Name != summary.Name))
            await RemoveOlderAsync(previous.Region, Key(previous.Name, previous.RecordId), summary.Version, cancellationToken);
    }

    public async Task<SearchPage> SearchAsync(RegistrySearchQuery query, string regionPrefix, CancellationToken cancellationToken)
    {
        var items = new List<RegistrySummary>(query.PageSize);
        TableEntity? last = null;
        var more = false;
        await foreach (var row in _table.QueryAsync<TableEntity>(Filter(query, regionPrefix), maxPerPage: query.PageSize + 1,
                           select: ["PartitionKey", "RowKey", "Summary"], cancellationToken: cancellationToken))
        {
            if (items.Count == query.PageSize)
            {
                more = true;
                break;
            }
            items.Add(AppJson.Deserialize<RegistrySummary>(row.GetString("Summary")!));
            last = row;
        }
        return new SearchPage(items, more ? new SearchPosition(last!.PartitionKey, last.RowKey) : null);
    }

    internal static string Filter(RegistrySearchQuery query, string regionPrefix)
    {
        var parts = new List<string>();
        if (regionPrefix.Length == 6)
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey eq {regionPrefix}"));
        else if (regionPrefix.Length > 0)
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {regionPrefix} and PartitionKey lt {regionPrefix + ":"}"));
        if (query.Name is { } name)
        {
            var (from, to) = query.NameMatch == NameMatch.Exact ? (name + "|", name + "}") : (name, AfterPrefix(name));
            parts.Add(TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to}"));
        }
        if (query.Status is { } status)
            parts.Add(TableClient.CreateQueryFilter($"Status eq {RecordChanges.Wire(status)}"));
        var flag = (query.Award, query.Year) switch
        {
            ({ } award, { } year) => AwardYearFlag(award, year),
            ({ } award, null) => AwardFlag(award),
            (null, { } year) => YearFlag(year),
            _ => null,
        };
        if (flag is not null) parts.Add($"{flag} eq true");
        if (query.After is { } after)
            parts.Add(TableClient.CreateQueryFilter($"(PartitionKey gt {after.Region} or (PartitionKey eq {after.Region} and RowKey gt {after.Key}))"));
        return string.Join(" and ", parts);
    }

    private static TableEntity Entity(RegistrySummary summary)
    {
        var entity = new TableEntity(summary.Region, Key(summary.Name, summary.RecordId))
        {
            ["RecordId"] = summary.RecordId,
            ["Version"] = summary.Version,
            ["Status"] = RecordChanges.Wire(summary.Status),
            ["Summary"] = AppJson.Serialize(summary),
        };
        foreach (var award in summary.Awards)
        {
            entity[AwardFlag(award.Kind)] = true;
            entity[YearFlag(award.Year)] = true;
            entity[AwardYearFlag(award.Kind, award.Year)] = true;
        }
        return entity;
    }

    private async Task RemoveOlderAsync(string region, string key, int newVersion, CancellationToken cancellationToken)
    {
        var old = await _table.GetEntityIfExistsAsync<TableEntity>(region, key, ["Version"], cancellationToken);
        if (!old.HasValue || old.Value!.GetInt32("Version") >= newVersion) return;
        try
        {
            await _table.DeleteEntityAsync(old.Value, old.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
        }
    }

    /// <summary>The smallest key greater than every key starting with <paramref name="prefix"/>.</summary>
    private static string AfterPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    // Award codes are lower-case letters and underscores, so these are valid property names.
    private static string AwardFlag(string award) => "A_" + award;

    private static string YearFlag(int year) => "Y_" + year.ToString(CultureInfo.InvariantCulture);

    private static string AwardYearFlag(string award, int year) => $"AY_{award}_{year.ToString(CultureInfo.InvariantCulture)}";
}
