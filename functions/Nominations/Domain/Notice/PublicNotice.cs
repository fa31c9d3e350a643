using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain.Notice;

[JsonConverter(typeof(JsonStringEnumConverter<PublicNoticeStatus>))]
public enum PublicNoticeStatus
{
    /// <summary>On the public page; objections are taken until the period ends.</summary>
    [JsonStringEnumMemberName("running")] Running = 1,

    /// <summary>Ended (period over, every objection settled): the committee was sent the final list.</summary>
    [JsonStringEnumMemberName("awaiting_committee")] AwaitingCommittee,

    /// <summary>The committee approved the final list; its nominations are being awarded.</summary>
    [JsonStringEnumMemberName("approved")] Approved,
}

/// <summary>
/// A campaign's public notice: the list as published (the nominations selected then), its period, who approves the
/// final list, and how far it got. A nomination withdrawn on an upheld objection stays on the list, marked.
/// </summary>
public sealed record PublicNotice
{
    public required string CampaignId { get; init; }
    public required NoticePeriod Period { get; init; }
    public required IReadOnlyList<string> NominationIds { get; init; }
    public required string PublishedByName { get; init; }
    public required string CommitteeName { get; init; }
    public required string CommitteeEmail { get; init; }
    public PublicNoticeStatus Status { get; init; } = PublicNoticeStatus.Running;
    public string? ApprovedByName { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
}
