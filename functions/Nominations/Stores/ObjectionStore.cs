using System.Globalization;
using Azure.Data.Tables;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Stores;

public enum ObjectionFilingOutcome
{
    Filed = 1,

    /// <summary>The network address filed its hourly number already.</summary>
    AddressLimited,

    /// <summary>The contact filed its daily number already.</summary>
    ContactLimited,

    /// <summary>The reference exists (a repeated post): nothing new was filed.</summary>
    Duplicate,
}

/// <summary>
/// Objections on Table storage: one row per reference in the campaign's partition (the full contact is kept there for
/// the investigation), changed under its ETag; and rate-limit counters per keyed hash of the address (per hour) and of
/// the contact (per China-time day), each a row counted up under its ETag. An attempt counts once it passes the address
/// check, whether or not the contact check then refuses it.
/// </summary>
public sealed class ObjectionStore(TableServiceClient tables)
{
    public const string TableName = "NominationObjections";
    public const string LimitsTableName = "NominationObjectionLimits";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly TableClient _limits = tables.GetTableClient(LimitsTableName);

    /// <param name="addressHash">Keyed hash of the sender's network address.</param>
    /// <param name="contactHash">Keyed hash of the objector's normalized contact.</param>
    public async Task<ObjectionFilingOutcome> FileAsync(Objection objection, string addressHash, string contactHash, ObjectionRateLimit limit,
        CancellationToken cancellationToken = default)
    {
        var hour = objection.FiledAt.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        if (!await CountAsync($"address|{addressHash}", hour, limit.PerAddressPerHour, cancellationToken))
            return ObjectionFilingOutcome.AddressLimited;
        var day = ChinaStandardTime.ToLocalDate(objection.FiledAt).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (!await CountAsync($"contact|{contactHash}", day, limit.PerContactPerDay, cancellationToken))
            return ObjectionFilingOutcome.ContactLimited;
        try
        {
            await _table.AddEntityAsync(Entity(objection), cancellationToken);
            return ObjectionFilingOutcome.Filed;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return ObjectionFilingOutcome.Duplicate;
        }
    }

    public async Task<Objection?> GetAsync(string campaignId, string reference, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaignId, reference, cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    public async Task<IReadOnlyList<Objection>> ListAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var list = new List<Objection>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaignId}"), cancellationToken: cancellationToken))
            list.Add(Read(row));
        return list;
    }

    /// <summary>Settles an objection once (see <see cref="Objection.Settle"/>); null when there is no such objection.</summary>
    public async Task<(Objection Objection, WorkflowRefusal? Refusal)?> SettleAsync(string campaignId, string reference, bool upheld, string? finding,
        string byId, string byName, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(campaignId, reference, cancellationToken: cancellationToken);
            if (!row.HasValue) return null;
            var (settled, refusal) = Read(row.Value!).Settle(upheld, finding, byId, byName, at);
            if (refusal is not null) return (settled, refusal);
            try
            {
                await _table.UpdateEntityAsync(Entity(settled), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return (settled, null);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412)
            {
                // Settled by someone else meanwhile: the next read answers already_settled.
            }
        }
    }

    /// <summary>Counts one attempt in the window; false (nothing counted) when the window holds <paramref name="limit"/> already.</summary>
    private async Task<bool> CountAsync(string partition, string window, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await _limits.GetEntityIfExistsAsync<TableEntity>(partition, window, cancellationToken: cancellationToken);
            var count = row.HasValue ? row.Value!.GetInt32("Count") ?? 0 : 0;
            if (count >= limit) return false;
            var entity = new TableEntity(partition, window) { ["Count"] = count + 1 };
            try
            {
                if (row.HasValue)
                    await _limits.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else
                    await _limits.AddEntityAsync(entity, cancellationToken);
                return true;
            }
            catch (Azure.RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another attempt counted meanwhile: count again from what is there.
            }
        }
    }

    private static TableEntity Entity(Objection objection) => new(objection.CampaignId, objection.Reference)
    {
        ["NominationId"] = objection.NominationId,
        ["Status"] = WireNames<ObjectionStatus>.Of(objection.Status),
        ["Objection"] = AppJson.Serialize(objection),
    };

    private static Objection Read(TableEntity row) => AppJson.Deserialize<Objection>(row.GetString("Objection")!);
}
