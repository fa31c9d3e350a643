using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain.Review;

/// <summary>
/// Where one nomination's review stands. The campaign's timing is copied in at submission so that a later edit
/// never changes a review in flight (and replay stays deterministic). It holds no personal data: activities read
/// the nominee from the stored nomination.
/// </summary>
public sealed record NominationReviewState
{
    public required string NominationId { get; init; }
    public required string CampaignId { get; init; }

    /// <summary>The nominating grassroots union, told of every decision.</summary>
    public required string UnionId { get; init; }

    /// <summary>The county the nominating union belongs to; the city and province follow from it.</summary>
    public required string CountyCode { get; init; }

    public required ReviewTiming Timing { get; init; }
    public required NominationStatus Status { get; init; }

    /// <summary>The level in progress or last reached.</summary>
    public ReviewLevel Level { get; init; } = ReviewLevel.County;

    /// <summary>1 at submission, +1 at every resubmission.</summary>
    public int Round { get; init; } = 1;

    /// <summary>Tasks opened in this round at this level (see <see cref="ReviewTask.Attempt"/>).</summary>
    public int Attempt { get; init; } = 1;

    public ReviewTask? Task { get; init; }

    /// <summary>While <see cref="NominationStatus.Forwarding"/>: the approval waiting on its quota place.</summary>
    public ReviewDecision? PendingApproval { get; init; }

    /// <summary>While <see cref="NominationStatus.Returned"/>: when the revision is due.</summary>
    public DateTimeOffset? RevisionDue { get; init; }

    public string? RegistryRecordId { get; init; }
    public required IReadOnlyList<NominationHistoryEntry> History { get; init; }

    /// <summary>The union region whose places the current level's approval takes.</summary>
    [JsonIgnore]
    public string LevelRegionCode => Level.RegionCodeFor(CountyCode);

    /// <summary>Every approve, return and reject, with its comment, oldest first.</summary>
    [JsonIgnore]
    public IEnumerable<NominationHistoryEntry> Decisions => History.Where(entry =>
        entry.Kind is NominationEventKind.Approved or NominationEventKind.Returned or NominationEventKind.Rejected);
}
