using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Quotas;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Stores;

public enum CampaignChangeOutcome
{
    Changed = 1,
    Invalid,
    NotFound,

    /// <summary>The campaign changed since it was read (ETag).</summary>
    Conflict,

    /// <summary>The change would invalidate nominations not acknowledged, or set places below those taken: nothing was changed.</summary>
    WouldInvalidate,
}

/// <param name="Impact">For <see cref="CampaignChangeOutcome.WouldInvalidate"/>: which nominations and regions, and why.</param>
public sealed record CampaignChangeResult(CampaignChangeOutcome Outcome, IReadOnlyList<FieldError> Errors, CampaignChangeImpact? Impact = null);

/// <summary>
/// Creating and changing campaigns with their quota counters. A change is checked against the campaign's open
/// nominations and taken places first (<see cref="CampaignChangeCheck"/>); it is made only when it breaks nothing,
/// or when the administrator acknowledged every nomination it invalidates (never below places already taken).
/// </summary>
public sealed class CampaignAdministration(CampaignStore campaigns, NominationStore nominations, QuotaStore quotas)
{
    public async Task<ValidationResult<Campaign>> CreateAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        if (CampaignValidator.Validate(campaign) is { Count: > 0 } errors) return ValidationResult<Campaign>.Invalid(errors);
        if (!await campaigns.AddAsync(campaign, cancellationToken))
            return ValidationResult<Campaign>.Invalid([new FieldError("campaignId", "duplicate_campaign", "该活动编号已存在。")]);
        foreach (var quota in campaign.Quotas)
            await quotas.SetPlacesAsync(new QuotaKey(campaign.CampaignId, quota.Level, quota.RegionCode), quota.Places, cancellationToken);
        return ValidationResult<Campaign>.Valid(campaign);
    }

    /// <param name="acknowledged">The nominations the administrator accepts to invalidate (from an earlier WouldInvalidate answer).</param>
    public async Task<CampaignChangeResult> ChangeAsync(Campaign proposed, Azure.ETag etag, IReadOnlyCollection<string> acknowledged,
        CancellationToken cancellationToken = default)
    {
        if (CampaignValidator.Validate(proposed) is { Count: > 0 } errors) return new(CampaignChangeOutcome.Invalid, errors);
        if (await campaigns.GetAsync(proposed.CampaignId, cancellationToken) is not { } stored) return new(CampaignChangeOutcome.NotFound, []);
        if (stored.ETag != etag) return new(CampaignChangeOutcome.Conflict, []);

        var existing = (await nominations.ListWithContentAsync(proposed.CampaignId, cancellationToken))
            .Where(nomination => nomination.Status is not (NominationStatus.Rejected or NominationStatus.Withdrawn))
            .Select(nomination => new ExistingNomination(nomination.NominationId, nomination.Content, nomination.SubmittedAt));
        var taken = await quotas.ListAsync(proposed.CampaignId, cancellationToken);
        var impact = CampaignChangeCheck.Check(proposed, existing, taken);
        if (impact.Quotas.Count > 0 || impact.Nominations.Any(nomination => !acknowledged.Contains(nomination.NominationId)))
            return new(CampaignChangeOutcome.WouldInvalidate, [], impact);

        if (!await campaigns.ReplaceAsync(proposed, etag, cancellationToken)) return new(CampaignChangeOutcome.Conflict, []);
        var removed = taken.Where(count => proposed.PlacesFor(count.Key.Level, count.Key.RegionCode) is null).Select(count => count.Key);
        foreach (var (key, places) in proposed.Quotas.Select(q => (new QuotaKey(proposed.CampaignId, q.Level, q.RegionCode), q.Places))
                     .Concat(removed.Select(key => (key, 0))))
            await quotas.SetPlacesAsync(key, places, cancellationToken);
        return new(CampaignChangeOutcome.Changed, [], impact);
    }
}
