using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Stores;

namespace Gonghui.Functions.Nominations.Services.Notice;

/// <summary>
/// A published notice as it reads now: the campaign, the notice, its public lines (those withdrawn on an upheld
/// objection marked), the objections, and each listed nomination's stored row (for its union and status).
/// </summary>
public sealed record NoticeBoard(
    Campaign Campaign,
    PublicNotice Notice,
    IReadOnlyList<PublicNoticeEntry> Entries,
    IReadOnlyList<Objection> Objections,
    IReadOnlyDictionary<string, StoredNomination> Nominations)
{
    /// <summary>The lines objections may still be filed against.</summary>
    public IReadOnlyList<string> StandingIds => [.. Entries.Where(e => !e.WithdrawnOnObjection).Select(e => e.NominationId)];

    /// <summary>The nominations the committee's approval awards: on the list, not withdrawn, still selected.</summary>
    public IReadOnlyList<string> WinnerIds => [.. StandingIds.Where(id => Nominations[id].Status == NominationStatus.Selected)];

    /// <summary>The board of a campaign's notice, or null when the campaign has none.</summary>
    public static async Task<NoticeBoard?> ReadAsync(string campaignId, CampaignStore campaigns, PublicNoticeStore notices, NominationStore nominations,
        ObjectionStore objections, CancellationToken cancellationToken)
    {
        var notice = notices.GetAsync(campaignId, cancellationToken);
        var campaign = campaigns.GetAsync(campaignId, cancellationToken);
        var filed = objections.ListAsync(campaignId, cancellationToken);
        await Task.WhenAll(notice, campaign, filed);
        if (await notice is not { } published || await campaign is not { } stored) return null;
        var listed = (await nominations.ListWithContentAsync(campaignId, cancellationToken))
            .Where(n => published.NominationIds.Contains(n.NominationId) && n.Details is not null)
            .ToDictionary(n => n.NominationId);
        var all = await filed;
        var entries = published.NominationIds.Where(listed.ContainsKey).Select(id => PublicNoticeEntry.From(id, listed[id].Details!, stored.Campaign,
            all.Any(o => o.NominationId == id && o.Status == ObjectionStatus.Upheld)));
        return new NoticeBoard(stored.Campaign, published, [.. entries], all, listed);
    }
}
