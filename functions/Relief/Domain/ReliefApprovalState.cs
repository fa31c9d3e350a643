using System.Text.Json.Serialization;
using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// Where one application stands. The program's levels, timing and return limit are copied in at
/// submission so an administrator's later edit never changes an application in flight (and replay
/// stays deterministic).
/// </summary>
public sealed record ReliefApprovalState
{
    public required string ApplicationId { get; init; }
    public required string ProgramCode { get; init; }
    public required string ProgramName { get; init; }
    public required string RegionCode { get; init; }
    public required Yuan Amount { get; init; }

    /// <summary>The budget reserved against: program, applicant's district, year of submission.</summary>
    public required BudgetKey Budget { get; init; }
    public required IReadOnlyList<ApprovalLevel> Levels { get; init; }
    public required ApprovalTiming Timing { get; init; }
    public required int MaxReturns { get; init; }
    public required ReliefApplicationStatus Status { get; init; }

    /// <summary>0-based index into <see cref="Levels"/> of the level in progress or last reached.</summary>
    public int LevelIndex { get; init; }

    /// <summary>1 at submission, +1 at every resubmission.</summary>
    public int Round { get; init; } = 1;

    public int ReturnCount { get; init; }

    /// <summary>How many budget reservations were made (again after an expiry and resubmission).</summary>
    public int ReservationCount { get; init; }

    public bool HoldsReservation { get; init; }

    public bool IsDeepHardship { get; init; }
    public EligibilityRefusal? Refusal { get; init; }
    public ApprovalTask? Task { get; init; }
    public string? PaymentId { get; init; }
    public required IReadOnlyList<ReliefHistoryEntry> History { get; init; }

    /// <summary>The budget hold key of the current reservation: "rel-42.1".</summary>
    [JsonIgnore]
    public string HoldId => $"{ApplicationId}.{ReservationCount}";

    [JsonIgnore]
    public ApprovalLevel CurrentLevel => Levels[LevelIndex];

    /// <summary>Every approve, reject and return, with its comment, oldest first.</summary>
    [JsonIgnore]
    public IEnumerable<ReliefHistoryEntry> Decisions => History.Where(entry =>
        entry.Kind is ReliefEventKind.Approved or ReliefEventKind.Rejected or ReliefEventKind.Returned);
}
