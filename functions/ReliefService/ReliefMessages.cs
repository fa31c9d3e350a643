using System.Text.Json.Serialization;
using Gonghui.Functions.Relief;

namespace Gonghui.Functions.ReliefService;

/// <summary>The orchestration's input: the validated application, the program as it was at submission, who submitted it when.</summary>
public sealed record ReliefSubmission(
    string ApplicationId,
    ReliefApplicationDetails Details,
    ReliefProgram Program,
    string SubmittedById,
    string SubmittedByName,
    DateTimeOffset SubmittedAt);

[JsonConverter(typeof(JsonStringEnumConverter<ReliefActionKind>))]
public enum ReliefActionKind
{
    [JsonStringEnumMemberName("decide")] Decide = 1,
    [JsonStringEnumMemberName("withdraw")] Withdraw,
    [JsonStringEnumMemberName("resubmit")] Resubmit,
}

/// <summary>
/// What people do to a running application, raised as the orchestration's one external event
/// (<see cref="ReliefApprovalOrchestration.ActionEvent"/>) so a single wait sees them in arrival order.
/// </summary>
public sealed record ReliefAction(
    ReliefActionKind Kind,
    string ActorId,
    string ActorName,
    string? Comment,
    DateTimeOffset At,
    ApprovalDecision? Decision = null)
{
    public static ReliefAction Decided(ApprovalDecision decision) =>
        new(ReliefActionKind.Decide, decision.DeciderId, decision.DeciderId, decision.Comment, decision.At, decision);
}

/// <summary>The workflow state after a step, and the effects of that step that need no answer.</summary>
public sealed record ReliefEffectBatch(ReliefApprovalState State, IReadOnlyList<ReliefEffect> Effects);

public sealed record EligibilityRequest(string ApplicationId, ReliefProgram Program);

public sealed record PaymentRequest(ReliefApprovalState State);
