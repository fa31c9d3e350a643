namespace Gonghui.Functions.Relief.Domain;

/// <summary>The answer of one answering effect; the member for that effect is set (an opened task's approvers with its deadlines).</summary>
public sealed record ReliefEffectAnswer(
    EligibilityDecision? Eligibility = null,
    BudgetOutcome? Reservation = null,
    LevelApprovers? Approvers = null,
    ApprovalTaskDeadlines? Deadlines = null,
    string? PaymentId = null);
