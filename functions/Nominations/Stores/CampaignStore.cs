using Azure.Data.Tables;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations.Domain;

namespace Gonghui.Functions.Nominations.Stores;

/// <summary>A campaign as stored, with the row's ETag for a change made against what was read.</summary>
public sealed record StoredCampaign(Campaign Campaign, Azure.ETag ETag);

/// <summary>Campaigns on Table storage: one row per campaign id holding the campaign as JSON; changed only under its ETag.</summary>
public sealed class CampaignStore(TableServiceClient tables)
{
    public const string TableName = "NominationCampaigns";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>False when a campaign with this id exists.</summary>
    public async Task<bool> AddAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.AddEntityAsync(Entity(campaign), cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredCampaign?> GetAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaignId, "", cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(CancellationToken cancellationToken = default)
    {
        var campaigns = new List<Campaign>();
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            campaigns.Add(Read(row).Campaign);
        return campaigns;
    }

    /// <summary>Replaces the campaign if it is still as read (<paramref name="etag"/>); false when someone changed it since.</summary>
    public async Task<bool> ReplaceAsync(Campaign campaign, Azure.ETag etag, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateEntityAsync(Entity(campaign), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private static TableEntity Entity(Campaign campaign) => new(campaign.CampaignId, "")
    {
        ["Year"] = campaign.Year,
        ["Campaign"] = AppJson.Serialize(campaign),
    };

    private static StoredCampaign Read(TableEntity row) =>
        new(AppJson.Deserialize<Campaign>(row.GetString("Campaign")!), row.ETag);
}
