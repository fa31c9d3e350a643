using System.Text.Json;
using Azure.Data.Tables;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Nominations.Stores;

/// <summary>Public notices on Table storage: one row per campaign (JSON), created once, changed under its ETag.</summary>
public sealed class PublicNoticeStore(TableServiceClient tables)
{
    public const string TableName = "NominationNotices";

    private readonly LazyTable _table = new(tables, TableName);

    /// <summary>Creates the notice; false when the campaign has one already.</summary>
    public async Task<bool> AddAsync(PublicNotice notice, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(Entity(notice), cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<PublicNotice?> GetAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(campaignId, "", cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Read, change (null = nothing to change), write under the ETag; a lost race starts again. Returns the notice as it is now.</summary>
    public async Task<PublicNotice?> ChangeAsync(string campaignId, Func<PublicNotice, PublicNotice?> change, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(campaignId, "", cancellationToken: cancellationToken);
            if (!row.HasValue) return null;
            var current = Read(row.Value!);
            if (change(current) is not { } changed) return current;
            try
            {
                await table.UpdateEntityAsync(Entity(changed), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
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
        ["Notice"] = JsonSerializer.Serialize(notice, JsonSerializerOptions.Web),
    };

    private static PublicNotice Read(TableEntity row) => JsonSerializer.Deserialize<PublicNotice>(row.GetString("Notice")!, JsonSerializerOptions.Web)!;
}
