using System.Text.Json.Serialization;

namespace Gonghui.Functions.Relief.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ReliefApplicationStatus>))]
public enum ReliefApplicationStatus
{
    /// <summary>Waiting for the eligibility check.</summary>
    [JsonStringEnumMemberName("submitted")] Submitted = 1,

    /// <summary>Eligible; the budget reservation is being made.</summary>
    [JsonStringEnumMemberName("reserving")] Reserving,

    /// <summary>Ineligible or no budget left. Final.</summary>
    [JsonStringEnumMemberName("refused")] Refused,

    /// <summary>The next level's approver is being looked up.</summary>
    [JsonStringEnumMemberName("routing")] Routing,

    [JsonStringEnumMemberName("awaiting_decision")] AwaitingDecision,

    /// <summary>Returned for more information, or expired at a level; waiting for resubmission.</summary>
    [JsonStringEnumMemberName("returned")] Returned,

    /// <summary>Every level approved; the payment instruction is being made.</summary>
    [JsonStringEnumMemberName("approved")] Approved,

    [JsonStringEnumMemberName("paid")] Paid,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}

public static class ReliefApplicationStatusFacts
{
    /// <summary>Open applications count against "another open application of the same person and program".</summary>
    public static bool IsOpen(this ReliefApplicationStatus status) =>
        status is not (ReliefApplicationStatus.Refused or ReliefApplicationStatus.Paid
            or ReliefApplicationStatus.Rejected or ReliefApplicationStatus.Withdrawn);
}
