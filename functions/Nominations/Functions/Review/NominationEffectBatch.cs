using Gonghui.Functions.Nominations.Domain.Review;

namespace Gonghui.Functions.Nominations.Functions.Review;

/// <summary>One step for <see cref="NominationReviewActivities.ApplyEffects"/>: its number, the state to save, its effects, when.</summary>
public sealed record NominationEffectBatch(int Sequence, NominationReviewState State, IReadOnlyList<NominationEffect> Effects, DateTimeOffset At);

/// <summary>An answer to an asking effect, with the reminder time a task opened by it gets (counted on the working calendar).</summary>
public sealed record NominationChainAnswer(NominationEffectAnswer Answer, DateTimeOffset? ReminderAt);
