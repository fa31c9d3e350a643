using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Functions.Approval;

/// <summary>
/// How an answered effect leads to the next workflow step. <see cref="ReliefActivities.ApplyEffects"/> walks the chain
/// while carrying it out and returns the answers; the orchestration walks the same chain with those answers (taken from
/// history on replay), so both arrive at the same state without a durable round trip per answer.
/// </summary>
public static class ReliefEffectChain
{
    /// <summary>The effect of <paramref name="step"/> that needs an answer before the workflow can go on (at most one, the last), or null.</summary>
    public static ReliefEffect? Answering(WorkflowStep step) => step.Effects.SingleOrDefault(IsAnswering);

    /// <summary>
    /// The step that <paramref name="answer"/> to <paramref name="answering"/> leads to, at <paramref name="at"/>.
    /// </summary>
    public static WorkflowStep Next(ReliefApprovalState state, ReliefEffect answering, ReliefEffectAnswer answer, DateTimeOffset at)
    {
        var next = answering switch
        {
            CheckEligibility => ReliefApprovalWorkflow.RecordEligibility(state, answer.Eligibility!, at),
            ReserveBudget => ReliefApprovalWorkflow.RecordReservation(state, answer.Reservation!.Value, at),
            OpenApprovalTask open => ReliefApprovalWorkflow.OpenTask(state, open.TaskId, answer.Approvers!.Approver, answer.Approvers.Deputy, at,
                answer.Deadlines!),
            CreatePaymentInstruction => ReliefApprovalWorkflow.RecordPayment(state, answer.PaymentId!, at),
            _ => throw new InvalidOperationException($"No handling for {answering.GetType().Name}."),
        };
        if (next.IsRefused)
            throw new InvalidOperationException($"The workflow refused its own step: {next.Refusal!.Code} {next.Refusal.Message}");
        return next;
    }

    /// <summary>The state the batch's chain ends in, given the answers the activity returned.</summary>
    public static ReliefApprovalState Follow(ReliefEffectBatch batch, IReadOnlyList<ReliefEffectAnswer> answers)
    {
        var step = new WorkflowStep(batch.State, batch.Effects, null);
        foreach (var answer in answers)
        {
            var answering = Answering(step) ?? throw new InvalidOperationException("More answers than answering effects.");
            step = Next(step.State, answering, answer, batch.At);
        }
        if (Answering(step) is { } open)
            throw new InvalidOperationException($"No answer for {open.GetType().Name}.");
        return step.State;
    }

    private static bool IsAnswering(ReliefEffect effect) => effect is CheckEligibility or ReserveBudget or OpenApprovalTask or CreatePaymentInstruction;
}
