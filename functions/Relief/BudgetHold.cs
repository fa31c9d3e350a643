using System.Text.Json.Serialization;
using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief;

[JsonConverter(typeof(JsonStringEnumConverter<BudgetHoldState>))]
public enum BudgetHoldState
{
    [JsonStringEnumMemberName("reserved")] Reserved = 1,
    [JsonStringEnumMemberName("released")] Released,
    [JsonStringEnumMemberName("spent")] Spent,
}

/// <summary>
/// What one application holds against a budget. Stored as its own row next to the balance (same
/// partition, one transaction with the balance's ETag): that row is what makes a repeated
/// reserve, release or spend for the same application a no-op.
/// </summary>
public sealed record BudgetHold(string ApplicationId, Yuan Amount, BudgetHoldState State);
