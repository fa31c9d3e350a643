using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Nominations.Domain.Review;

/// <summary>
/// The result of feeding one event to the workflow: the new state and what to do, or a refusal that leaves the
/// state unchanged (<see cref="Refusal"/> set, no effects).
/// </summary>
public sealed record NominationReviewStep(NominationReviewState State, IReadOnlyList<NominationEffect> Effects, WorkflowRefusal? Refusal)
{
    public bool IsRefused => Refusal is not null;

    /// <summary>The effect the workflow waits on (see <see cref="NominationEffect.NeedsAnswer"/>), or null.</summary>
    public NominationEffect? Answering => Effects.SingleOrDefault(effect => effect.NeedsAnswer);
}

/// <summary>The timer the orchestration should arm next and what it is for.</summary>
public sealed record ReviewDeadline(DateTimeOffset At, ReviewDeadlineKind Kind, string Key);

public enum ReviewDeadlineKind
{
    /// <summary>Remind the reviewers of the open task (<see cref="ReviewDeadline.Key"/> is its id).</summary>
    Reminder = 1,

    /// <summary>The revision is due (<see cref="ReviewDeadline.Key"/> is the round that was returned).</summary>
    Revision,
}
