using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Stores;

namespace Gonghui.Functions.Nominations.Services;

/// <summary>How many nominations stand at one level (null: not submitted) in one state.</summary>
public sealed record NominationCount(ReviewLevel? Level, NominationStatus Status, int Count);

/// <summary>A region's places at a level and how many nominations took one.</summary>
public sealed record QuotaUse(ReviewLevel Level, string RegionCode, int Places, int Used)
{
    public int Left => Math.Max(0, Places - Used);

    public static IReadOnlyList<QuotaUse> Of(IEnumerable<Domain.Quotas.QuotaCount> counts) =>
        [.. counts.OrderBy(c => c.Key.Level).ThenBy(c => c.Key.RegionCode, StringComparer.Ordinal).Select(c => new QuotaUse(c.Key.Level, c.Key.RegionCode, c.Places, c.Used))];
}

/// <summary>The selected list's make-up: its size, each category's whole per cent, and the quota-mix rules it still fails.</summary>
public sealed record ListMix(int Size, IReadOnlyDictionary<OccupationCategory, int> Percentages, IReadOnlyList<string> Shortfalls);

public sealed record ObjectionCount(ObjectionStatus Status, int Count);

/// <summary>One campaign's figures for admins: nominations by level and state, quota use per region, the list's mix, objections by outcome.</summary>
public sealed record CampaignFigures(
    string CampaignId,
    IReadOnlyList<NominationCount> Nominations,
    IReadOnlyList<QuotaUse> Quotas,
    ListMix SelectedList,
    IReadOnlyList<ObjectionCount> Objections)
{
    public static async Task<CampaignFigures> ReadAsync(Campaign campaign, NominationStore nominations, QuotaStore quotas, ObjectionStore objections,
        CancellationToken cancellationToken)
    {
        var listed = await nominations.ListAsync(campaign.CampaignId, cancellationToken: cancellationToken);
        var counts = await quotas.ListAsync(campaign.CampaignId, cancellationToken);
        var filed = await objections.ListAsync(campaign.CampaignId, cancellationToken);
        var selected = listed.Where(n => n.Status is NominationStatus.Selected or NominationStatus.Awarded && n.OccupationCategory is not null)
            .Select(n => n.OccupationCategory!.Value).ToList();
        return new CampaignFigures(
            campaign.CampaignId,
            [.. listed.GroupBy(n => (Level: n.Status == NominationStatus.Draft ? null : n.Level, n.Status))
                .Select(g => new NominationCount(g.Key.Level, g.Key.Status, g.Count()))
                .OrderBy(c => c.Level).ThenBy(c => c.Status)],
            QuotaUse.Of(counts),
            new ListMix(selected.Count, QuotaMix.Percentages(selected), [.. QuotaMix.Shortfalls(campaign.MixRules, selected).Select(s => s.Message)]),
            [.. filed.GroupBy(o => o.Status).Select(g => new ObjectionCount(g.Key, g.Count())).OrderBy(c => c.Status)]);
    }
}
