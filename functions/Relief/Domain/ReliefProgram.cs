using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// A relief program as admin-editable data: limits, eligibility thresholds, approval chain by amount
/// and approval timing. Defaults are in <see cref="ReliefProgramDefaults"/>.
/// </summary>
public sealed record ReliefProgram
{
    /// <summary>Stable code: "hardship", "model_worker_subsidy", "emergency".</summary>
    public required string Code { get; init; }

    /// <summary>Simplified Chinese name shown to people.</summary>
    public required string Name { get; init; }

    public required Yuan MaximumPerApplication { get; init; }

    /// <summary>Per person, per program, per calendar year (China time).</summary>
    public required Yuan YearlyCapPerPerson { get; init; }

    /// <summary>Income test against the local minimum-living line; null when the program has none.</summary>
    public IncomeThreshold? IncomeThreshold { get; init; }

    /// <summary>Only people with an active entry in the model-worker registry may apply.</summary>
    public bool RequiresModelWorkerRegistry { get; init; }

    /// <summary>Ascending by <see cref="ApprovalBand.UpTo"/>; the last band has no upper bound.</summary>
    public required IReadOnlyList<ApprovalBand> ApprovalBands { get; init; }

    public required ApprovalTiming Timing { get; init; }

    /// <summary>How often an application may be returned for more information in total.</summary>
    public required int MaxReturns { get; init; }

    /// <summary>The approval chain for an amount: the first band whose bound holds it.</summary>
    public IReadOnlyList<ApprovalLevel> LevelsFor(Yuan amount) =>
        ApprovalBands.First(band => band.UpTo is not { } upTo || amount <= upTo).Levels;
}

/// <summary>
/// Income per person must be below <see cref="EligibleBelowPercentOfLine"/> % of the local
/// minimum-living line; below <see cref="DeepHardshipBelowPercentOfLine"/> % is deep hardship, which
/// may be granted up to <see cref="DeepHardshipMaximumPerApplication"/>.
/// </summary>
public sealed record IncomeThreshold(
    int EligibleBelowPercentOfLine,
    int DeepHardshipBelowPercentOfLine,
    Yuan DeepHardshipMaximumPerApplication);

/// <summary>Amounts up to <see cref="UpTo"/> (inclusive; null = any) go through <see cref="Levels"/> in order.</summary>
public sealed record ApprovalBand(Yuan? UpTo, IReadOnlyList<ApprovalLevel> Levels);

/// <summary>Per approval step, in working days from when the step opened.</summary>
public sealed record ApprovalTiming(int ReminderAfterWorkingDays, int EscalationAfterWorkingDays, int ExpiryAfterWorkingDays);
