using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;

namespace Gonghui.Functions.Nominations.Stores;

/// <summary>
/// A nomination as stored: who nominates, the content as last saved (a draft may be incomplete), the checked details
/// once submitted, and the review state the orchestration saved last (<see cref="Sequence"/> is its step number).
/// </summary>
public sealed record StoredNomination
{
    public required string CampaignId { get; init; }
    public required string NominationId { get; init; }

    /// <summary>The nominating grassroots union (the nominator's scope).</summary>
    public required string UnionId { get; init; }

    public required string CountyCode { get; init; }
    public required string CreatedById { get; init; }
    public required string CreatedByName { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required NominationStatus Status { get; init; }
    public required NominationRequest Content { get; init; }
    public NominationDetails? Details { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>The keyed hash of the nominee's national ID, once submitted.</summary>
    public string? NationalIdHash { get; init; }
    public NominationReviewState? State { get; init; }
    public int Sequence { get; init; }
    public Azure.ETag ETag { get; init; }
}

/// <summary>A nomination as a list shows it: no ID, no birth date.</summary>
public sealed record NominationSummary(
    string NominationId,
    string UnionId,
    string CountyCode,
    NominationStatus Status,
    ReviewLevel? Level,
    string? NomineeName,
    OccupationCategory? OccupationCategory);

public enum NominationWriteOutcome
{
    Written = 1,

    /// <summary>Another nomination of this campaign has the same national ID.</summary>
    DuplicateNominee,

    /// <summary>The row changed since it was read (its ETag no longer matches), or is gone.</summary>
    Changed,

    /// <summary>The nomination is not in a state that allows this write (a draft to submit, a returned one to revise).</summary>
    WrongStatus,
}

/// <param name="ExistingNominationId">For <see cref="NominationWriteOutcome.DuplicateNominee"/>: the nomination that has the person.</param>
public sealed record NominationWriteResult(NominationWriteOutcome Outcome, string? ExistingNominationId = null);
