using Azure.Data.Tables;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations.Domain.Notice;

namespace Gonghui.Functions.Nominations.Stores;

/// <summary>Public notices on Table storage: one row per campaign (JSON), created once, changed under its ETag.</summary>
public sealed class PublicNoticeStore(TableServiceClient tables)
{
    public const string TableName = "NominationNotices";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>Creates the notice; false when the campaign has one already.</summary>
    public async Task<bool> AddAsync(PublicNotice notice, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.AddEntityAsync(Entity(notice), cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<PublicNotice?> GetAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaignId, "", cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Read, change (null = nothing to change), write under the ETag; a lost race starts again. Returns the notice as it is now.</summary>
    public async Task<PublicNotice?> ChangeAsync(string campaignId, Func<PublicNotice, PublicNotice?> change, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaignId, "", cancellationToken: cancellationToken);
            if (!row.HasValue) return null;
            var current = Read(row.Value!);
            if (change(current) is not { } changed) return current;
            try
            {
                await _table.UpdateEntityAsync(Entity(changed), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return changed;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412)
            {
                // Changed meanwhile: judge again on what is there now.
            }
        }
    }

    private static TableEntity Entity(PublicNotice notice) => new(notice.CampaignId, "")
    {
        ["Notice"] = AppJson.Serialize(notice),
    };

    private static PublicNotice Read(TableEntity row) => AppJson.Deserialize<PublicNotice>(row.GetString("Notice")!);
}
