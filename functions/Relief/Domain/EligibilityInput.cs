using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// Everything eligibility needs, gathered by the caller from the stores beforehand.
/// </summary>
/// <param name="OtherOpenApplicationIds">Open applications of the same person (by national ID hash) in the same program, this one excluded.</param>
/// <param name="GrantedThisYear">What the person was granted (approved or paid) in this program in the current calendar year, China time.</param>
/// <param name="ModelWorkerStanding">The person's record in the model-worker registry (asked only for programs that require it).</param>
public sealed record EligibilityInput(
    ReliefProgram Program,
    ReliefApplicationDetails Application,
    IReadOnlyList<string> OtherOpenApplicationIds,
    Yuan GrantedThisYear,
    ModelWorkerStanding ModelWorkerStanding);
