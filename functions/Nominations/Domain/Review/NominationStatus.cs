using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain.Review;

[JsonConverter(typeof(JsonStringEnumConverter<NominationStatus>))]
public enum NominationStatus
{
    /// <summary>Saved by the nominating union, not submitted; the review has not started.</summary>
    [JsonStringEnumMemberName("draft")] Draft = 1,

    /// <summary>The reviewers of the current level are being looked up.</summary>
    [JsonStringEnumMemberName("routing")] Routing,

    /// <summary>Waiting on the current level's reviewers.</summary>
    [JsonStringEnumMemberName("in_review")] InReview,

    /// <summary>Approved at the current level; a quota place is being taken.</summary>
    [JsonStringEnumMemberName("forwarding")] Forwarding,

    /// <summary>Returned for revision; waiting for the union to resubmit before the deadline.</summary>
    [JsonStringEnumMemberName("returned")] Returned,

    /// <summary>Approved by the province: on the list for the public notice.</summary>
    [JsonStringEnumMemberName("selected")] Selected,

    /// <summary>Approved by the provincial committee after the notice; filed to the registry.</summary>
    [JsonStringEnumMemberName("awarded")] Awarded,

    [JsonStringEnumMemberName("rejected")] Rejected,

    /// <summary>Withdrawn by the union, for a missed revision deadline, or on an upheld objection.</summary>
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}

public static class NominationStatusFacts
{
    /// <summary>Whether the review still waits on someone (the orchestration keeps running).</summary>
    public static bool IsOpen(this NominationStatus status) =>
        status is not (NominationStatus.Draft or NominationStatus.Awarded or NominationStatus.Rejected or NominationStatus.Withdrawn);

    /// <summary>"草稿", "待审核", ...: the status as the nominating union reads it.</summary>
    public static string ChineseName(this NominationStatus status) => status switch
    {
        NominationStatus.Draft => "草稿",
        NominationStatus.Routing or NominationStatus.InReview or NominationStatus.Forwarding => "审核中",
        NominationStatus.Returned => "退回修改",
        NominationStatus.Selected => "拟表彰（公示）",
        NominationStatus.Awarded => "已表彰",
        NominationStatus.Rejected => "未通过",
        NominationStatus.Withdrawn => "已撤回",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
