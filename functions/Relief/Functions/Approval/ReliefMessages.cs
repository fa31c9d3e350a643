using System.Text.Json.Serialization;
using Gonghui.Functions.Money;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Functions.Approval;

/// <summary>
/// The orchestration's input: the application id and what the workflow needs of it (region, amount), the program as
/// it was at submission, who submitted it when. No personal data: the durable management API shows inputs, so the
/// applicant's details stay in the stored application, where activities read them. <see cref="WorkingDayLength"/> is
/// set only in timer tests (see <see cref="ReliefSettings.WorkingDayLength"/>); the instance keeps it for its whole life.
/// </summary>
public sealed record ReliefSubmission(
    string ApplicationId,
    string RegionCode,
    Yuan Amount,
    ReliefProgram Program,
    string SubmittedById,
    string SubmittedByName,
    DateTimeOffset SubmittedAt,
    TimeSpan? WorkingDayLength = null);

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
/// <see cref="RecordedOnTask"/>: the decision already moved its task row to Decided, with the conclusion the
/// orchestration's close would write (<see cref="ReliefDecisions"/> records before it raises).
/// </summary>
public sealed record ReliefAction(
    ReliefActionKind Kind,
    string ActorId,
    string ActorName,
    string? Comment,
    DateTimeOffset At,
    ApprovalDecision? Decision = null,
    bool RecordedOnTask = false)
{
    /// <summary>A decision recorded on its task row.</summary>
    public static ReliefAction Decided(ApprovalDecision decision) =>
        new(ReliefActionKind.Decide, decision.DeciderId, decision.DeciderId, decision.Comment, decision.At, decision, RecordedOnTask: true);
}

/// <summary>
/// A workflow step for <see cref="ReliefActivities.ApplyEffects"/>: the state after it and its effects. The activity
/// carries them out; while a step ends in an effect that asks (<see cref="ReliefEffectChain"/>), it answers it and
/// carries out the step the workflow answers with, all at <see cref="At"/>. <see cref="Program"/> is set when
/// eligibility is to be checked. <see cref="Sequence"/> numbers the orchestration's batches, so a late rerun of an
/// earlier batch (activities run at least once) cannot save an older state over a newer one.
/// <see cref="WorkingDayLength"/> is the submission's (null: the calendar, see <see cref="ReliefCalendar"/>).
/// </summary>
public sealed record ReliefEffectBatch(int Sequence, ReliefApprovalState State, IReadOnlyList<ReliefEffect> Effects, DateTimeOffset At,
    ReliefProgram? Program = null, TimeSpan? WorkingDayLength = null);
