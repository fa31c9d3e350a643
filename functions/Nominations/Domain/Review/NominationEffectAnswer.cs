using Gonghui.Functions.Nominations.Domain.Quotas;

namespace Gonghui.Functions.Nominations.Domain.Review;

/// <summary>
/// What an activity found out for an effect that needs an answer: the reviewers for <see cref="OpenReviewTask"/>,
/// the quota outcome (and count) for <see cref="ReserveQuotaPlace"/>, the record id for <see cref="FileToRegistry"/>.
/// </summary>
public sealed record NominationEffectAnswer(
    IReadOnlyList<Reviewer>? Reviewers = null,
    QuotaOutcome? Quota = null,
    QuotaCount? Count = null,
    string? RegistryRecordId = null);
