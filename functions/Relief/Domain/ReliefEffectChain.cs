namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// How an answered effect leads to the next workflow step. A step's effects that ask a question (eligibility,
/// reservation, approvers, payment id) come at most one per step, last; its answer is fed to the workflow, whose next
/// step may ask again, until a step needs no answer.
/// </summary>
public static class ReliefEffectChain
{
    /// <summary>The effect of <paramref name="step"/> that needs an answer before the workflow can go on (at most one, the last), or null.</summary>
    public static ReliefEffect? Answering(WorkflowStep step) => step.Effects.SingleOrDefault(IsAnswering);

    /// <summary>The step that <paramref name="answer"/> to <paramref name="answering"/> leads to, at <paramref name="at"/>.</summary>
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

    private static bool IsAnswering(ReliefEffect effect) => effect is CheckEligibility or ReserveBudget or OpenApprovalTask or CreatePaymentInstruction;
}
