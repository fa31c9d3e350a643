using Gonghui.Functions.Nominations.Domain.Quotas;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Domain;

/// <summary>A nomination as a campaign change is checked against it: its content and, once submitted, when.</summary>
public sealed record ExistingNomination(string NominationId, NominationRequest Content, DateTimeOffset? SubmittedAt);

/// <summary>A nomination the proposed campaign would no longer accept, and why.</summary>
public sealed record InvalidatedNomination(string NominationId, IReadOnlyList<FieldError> Reasons);

/// <summary>A region whose proposed places (0 when removed) are below the places its nominations took already.</summary>
public sealed record QuotaConflict(ReviewLevel Level, string RegionCode, int ProposedPlaces, int Used);

public sealed record CampaignChangeImpact(IReadOnlyList<InvalidatedNomination> Nominations, IReadOnlyList<QuotaConflict> Quotas)
{
    public bool InvalidatesNothing => Nominations.Count == 0 && Quotas.Count == 0;
}

/// <summary>
/// What a change of campaign would break, so it is never made silently: each nomination judged again under the
/// proposed rules (a submitted one as a submission at the time it was made, a draft as a draft), and each region's
/// proposed places against the places already taken.
/// </summary>
public static class CampaignChangeCheck
{
    public static CampaignChangeImpact Check(Campaign proposed, IEnumerable<ExistingNomination> nominations, IEnumerable<QuotaCount> taken)
    {
        var invalidated = new List<InvalidatedNomination>();
        foreach (var nomination in nominations)
        {
            var reasons = nomination.SubmittedAt is { } submittedAt
                ? NominationValidator.ValidateSubmission(nomination.Content, proposed, submittedAt).Errors
                : NominationValidator.ValidateDraft(nomination.Content, proposed, proposed.Window.Opens);
            if (reasons.Count > 0) invalidated.Add(new InvalidatedNomination(nomination.NominationId, reasons));
        }
        var conflicts = taken
            .Select(count => (count, places: proposed.PlacesFor(count.Key.Level, count.Key.RegionCode) ?? 0))
            .Where(pair => !QuotaLedger.CanSetPlaces(pair.count, pair.places))
            .Select(pair => new QuotaConflict(pair.count.Key.Level, pair.count.Key.RegionCode, pair.places, pair.count.Used))
            .ToList();
        return new CampaignChangeImpact(invalidated, conflicts);
    }
}
