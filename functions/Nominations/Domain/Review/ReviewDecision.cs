using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain.Review;

[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecisionKind>))]
public enum ReviewDecisionKind
{
    /// <summary>Forward to the next level (at the province: select for the public notice).</summary>
    [JsonStringEnumMemberName("approve")] Approve = 1,
    [JsonStringEnumMemberName("return")] Return,
    [JsonStringEnumMemberName("reject")] Reject,
}

public static class ReviewDecisionKindNames
{
    /// <summary>"同意", "退回修改", "不予推荐".</summary>
    public static string ChineseName(this ReviewDecisionKind kind) => kind switch
    {
        ReviewDecisionKind.Approve => "同意",
        ReviewDecisionKind.Return => "退回修改",
        ReviewDecisionKind.Reject => "不予推荐",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>A reviewer's decision as it arrives (from the link's form), for the workflow to judge.</summary>
/// <param name="RevisionWorkingDays">For a return: the deadline in working days; null takes the campaign's (5 by default).</param>
public sealed record ReviewDecision(
    string TaskId,
    string DeciderId,
    ReviewDecisionKind Kind,
    string? Comment,
    DateTimeOffset At,
    int? RevisionWorkingDays = null);
