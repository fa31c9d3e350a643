using System.Text.Json.Serialization;
using Gonghui.Functions.Money;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Relief.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<BudgetOutcome>))]
public enum BudgetOutcome
{
    /// <summary>The change was made: write <see cref="BudgetChange.Balance"/> and <see cref="BudgetChange.Hold"/>.</summary>
    Applied = 1,

    /// <summary>This hold's change was made before; nothing to write.</summary>
    AlreadyApplied,

    /// <summary>Reserving would take the budget below zero; nothing to write.</summary>
    InsufficientFunds,

    /// <summary>Release of a hold that does not exist (the reservation never happened); nothing to write.</summary>
    NothingHeld,

    /// <summary>The request contradicts the hold (e.g. release after spending, or another amount); nothing to write.</summary>
    Conflict,
}

/// <summary>The result of a ledger step: the balance and hold to store, unchanged unless <see cref="Outcome"/> is Applied.</summary>
public sealed record BudgetChange(BudgetOutcome Outcome, BudgetBalance Balance, BudgetHold? Hold)
{
    public bool MustWrite => Outcome == BudgetOutcome.Applied;
}

/// <summary>
/// Budget arithmetic as pure transitions. Each takes the current balance and the hold with the given
/// id (null if none) and never lets a figure go below zero. The store reads both, calls one of
/// these, and writes the result with the balance's ETag; on a concurrency conflict it re-reads and
/// calls again, which is safe because a repeated step is <see cref="BudgetOutcome.AlreadyApplied"/>.
/// </summary>
public static class BudgetLedger
{
    public static BudgetChange Reserve(BudgetBalance balance, BudgetHold? hold, string holdId, Yuan amount)
    {
        if (hold is not null)
            return hold.Amount == amount && hold.State is BudgetHoldState.Reserved or BudgetHoldState.Spent
                ? Unchanged(BudgetOutcome.AlreadyApplied, balance, hold)
                : Unchanged(BudgetOutcome.Conflict, balance, hold);
        if (amount > balance.Available) return Unchanged(BudgetOutcome.InsufficientFunds, balance, null);
        return new(BudgetOutcome.Applied,
            balance with { Reserved = balance.Reserved + amount },
            new BudgetHold(holdId, amount, BudgetHoldState.Reserved));
    }

    public static BudgetChange Release(BudgetBalance balance, BudgetHold? hold) => hold?.State switch
    {
        null => Unchanged(BudgetOutcome.NothingHeld, balance, null),
        BudgetHoldState.Released => Unchanged(BudgetOutcome.AlreadyApplied, balance, hold),
        BudgetHoldState.Spent => Unchanged(BudgetOutcome.Conflict, balance, hold),
        _ => new(BudgetOutcome.Applied,
            balance with { Reserved = balance.Reserved - hold.Amount },
            hold with { State = BudgetHoldState.Released }),
    };

    /// <summary>Turns the reservation into spending (at payment).</summary>
    public static BudgetChange Spend(BudgetBalance balance, BudgetHold? hold) => hold?.State switch
    {
        BudgetHoldState.Spent => Unchanged(BudgetOutcome.AlreadyApplied, balance, hold),
        BudgetHoldState.Reserved => new(BudgetOutcome.Applied,
            balance with { Reserved = balance.Reserved - hold.Amount, Spent = balance.Spent + hold.Amount },
            hold with { State = BudgetHoldState.Spent }),
        _ => Unchanged(BudgetOutcome.Conflict, balance, hold),
    };

    /// <summary>An administrator sets the budget; it may not fall below what is already reserved or spent.</summary>
    public static ValidationResult<BudgetBalance> SetBudget(BudgetBalance balance, Yuan budget) =>
        budget < balance.Reserved + balance.Spent
            ? ValidationResult<BudgetBalance>.Invalid([new FieldError("budget", "below_committed",
                $"预算不能低于已预留与已支出之和 {(balance.Reserved + balance.Spent).ToDisplayString()}。")])
            : ValidationResult<BudgetBalance>.Valid(balance with { Budget = budget });

    private static BudgetChange Unchanged(BudgetOutcome outcome, BudgetBalance balance, BudgetHold? hold) => new(outcome, balance, hold);
}
