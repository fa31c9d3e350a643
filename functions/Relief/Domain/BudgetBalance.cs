using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The money of one budget. <see cref="Available"/> is derived, so the three stored figures can
/// never disagree with it.
/// </summary>
public sealed record BudgetBalance(BudgetKey Key, Yuan Budget, Yuan Reserved, Yuan Spent)
{
    public Yuan Available => Budget - Reserved - Spent;

    public static BudgetBalance Open(BudgetKey key, Yuan budget) => new(key, budget, Yuan.Zero, Yuan.Zero);
}
