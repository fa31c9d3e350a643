using Gonghui.Functions.Nominations.Domain.Review;

namespace Gonghui.Functions.Nominations.Functions.Review;

/// <summary>The input of <see cref="NominationReviewOrchestration"/>: the submission step, as stored with the nomination.</summary>
public sealed record NominationReviewStart(NominationReviewState State, IReadOnlyList<NominationEffect> Effects);
