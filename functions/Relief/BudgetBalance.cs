using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief;

/// <summary>
/// The money of one program in one region for one calendar year. <see cref="Available"/> is derived,
/// so the three stored figures can never disagree with it.
/// </summary>
public sealed record BudgetBalance(string ProgramCode, string RegionCode, int Year, Yuan Budget, Yuan Reserved, Yuan Spent)
{
    public Yuan Available => Budget - Reserved - Spent;

    public static BudgetBalance Open(string programCode, string regionCode, int year, Yuan budget) =>
        new(programCode, regionCode, year, budget, Yuan.Zero, Yuan.Zero);
}
