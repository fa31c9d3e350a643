using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain.Review;

[JsonConverter(typeof(JsonStringEnumConverter<NominationEventKind>))]
public enum NominationEventKind
{
    [JsonStringEnumMemberName("submitted")] Submitted = 1,
    [JsonStringEnumMemberName("task_opened")] TaskOpened,
    [JsonStringEnumMemberName("reminded")] Reminded,

    /// <summary>Approved at a level: forwarded to the next, or selected at the province.</summary>
    [JsonStringEnumMemberName("approved")] Approved,

    /// <summary>An approval that found the level's places all taken; the reviewers are asked again.</summary>
    [JsonStringEnumMemberName("quota_full")] QuotaFull,

    [JsonStringEnumMemberName("returned")] Returned,
    [JsonStringEnumMemberName("resubmitted")] Resubmitted,
    [JsonStringEnumMemberName("revision_missed")] RevisionMissed,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
    [JsonStringEnumMemberName("objection_upheld")] ObjectionUpheld,
    [JsonStringEnumMemberName("awarded")] Awarded,
    [JsonStringEnumMemberName("filed")] Filed,
}

/// <summary>One thing that happened to a nomination: who, when, what, why (and by when, for a return).</summary>
public sealed record NominationHistoryEntry(
    DateTimeOffset At,
    NominationEventKind Kind,
    string? ActorId = null,
    string? ActorName = null,
    ReviewLevel? Level = null,
    string? TaskId = null,
    string? Comment = null,
    DateTimeOffset? DueAt = null);
