using System.Text.Json.Serialization;

namespace Gonghui.Functions.Relief.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ApprovalDecisionKind>))]
public enum ApprovalDecisionKind
{
    [JsonStringEnumMemberName("approve")] Approve = 1,
    [JsonStringEnumMemberName("reject")] Reject,
    [JsonStringEnumMemberName("return")] Return,
}

public static class ApprovalDecisionKindNames
{
    /// <summary>"同意", "驳回", "退回补充材料".</summary>
    public static string ChineseName(this ApprovalDecisionKind kind) => kind switch
    {
        ApprovalDecisionKind.Approve => "同意",
        ApprovalDecisionKind.Reject => "驳回",
        ApprovalDecisionKind.Return => "退回补充材料",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
