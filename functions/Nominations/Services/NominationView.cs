using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Nominations.Services;

/// <summary>
/// A nomination as the nominating union and admins read it: the content as saved with the national ID masked (it is
/// never returned in full), where the review stands and its history.
/// </summary>
public sealed record NominationView(
    string NominationId,
    string CampaignId,
    string UnionId,
    string CountyCode,
    NominationStatus Status,
    string StatusName,
    ReviewLevel? Level,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? RevisionDue,
    NominationRequest Content,
    IReadOnlyList<NominationHistoryEntry> History)
{
    public static NominationView From(StoredNomination nomination) => new(
        nomination.NominationId,
        nomination.CampaignId,
        nomination.UnionId,
        nomination.CountyCode,
        nomination.Status,
        nomination.Status.ChineseName(),
        nomination.State?.Level,
        nomination.CreatedAt,
        nomination.SubmittedAt,
        nomination.State?.RevisionDue,
        Masked(nomination.Content),
        nomination.State?.History ?? []);

    public static NominationRequest Masked(NominationRequest content) =>
        content.Nominee is { NationalId: { Length: > 0 } id } nominee ? content with { Nominee = nominee with { NationalId = NationalId.Mask(id) } } : content;
}
