namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The result of feeding one event to the workflow: the new state and what to do, or a refusal that
/// leaves the state unchanged (<see cref="Refusal"/> set, no effects).
/// </summary>
public sealed record WorkflowStep(ReliefApprovalState State, IReadOnlyList<ReliefEffect> Effects, WorkflowRefusal? Refusal)
{
    public bool IsRefused => Refusal is not null;
}

/// <summary>Why an event was not accepted: a stable <see cref="Code"/> and a Simplified Chinese message.</summary>
public sealed record WorkflowRefusal(string Code, string Message);
