using System.Text.Json.Serialization;
using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<BudgetHoldState>))]
public enum BudgetHoldState
{
    [JsonStringEnumMemberName("reserved")] Reserved = 1,
    [JsonStringEnumMemberName("released")] Released,
    [JsonStringEnumMemberName("spent")] Spent,
}

/// <summary>
/// What one reservation of an application holds against a budget. Stored as its own row next to the
/// balance (same partition, one transaction with the balance's ETag): that row is what makes a
/// repeated reserve, release or spend a no-op. <see cref="HoldId"/> is the application id plus the
/// reservation number ("rel-42.1", no characters Azure Table keys forbid), because an application that expired and was resubmitted
/// reserves again, and a late duplicate of the first reservation must not count twice.
/// </summary>
public sealed record BudgetHold(string HoldId, Yuan Amount, BudgetHoldState State);
