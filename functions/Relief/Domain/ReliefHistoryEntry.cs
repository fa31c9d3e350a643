using System.Text.Json.Serialization;

namespace Gonghui.Functions.Relief.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ReliefEventKind>))]
public enum ReliefEventKind
{
    [JsonStringEnumMemberName("submitted")] Submitted = 1,
    [JsonStringEnumMemberName("refused")] Refused,
    [JsonStringEnumMemberName("reserved")] Reserved,
    [JsonStringEnumMemberName("task_opened")] TaskOpened,
    [JsonStringEnumMemberName("reminded")] Reminded,
    [JsonStringEnumMemberName("escalated")] Escalated,
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("returned")] Returned,
    [JsonStringEnumMemberName("expired")] Expired,
    [JsonStringEnumMemberName("resubmitted")] Resubmitted,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
    [JsonStringEnumMemberName("paid")] Paid,
}

/// <summary>One thing that happened to an application: who, when, what, why.</summary>
public sealed record ReliefHistoryEntry(
    DateTimeOffset At,
    ReliefEventKind Kind,
    string? ActorId = null,
    string? ActorName = null,
    ApprovalLevel? Level = null,
    string? TaskId = null,
    string? Comment = null);
