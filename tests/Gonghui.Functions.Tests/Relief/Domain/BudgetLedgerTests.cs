using Gonghui.Functions.Money;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Domain;

public class BudgetLedgerTests
{
    private static readonly BudgetBalance Fresh = BudgetBalance.Open(new BudgetKey("hardship", "110105", 2026), Yuan.Parse("10000.00"));

    [Fact]
    public void Reserve_then_spend_moves_money_from_available_to_reserved_to_spent()
    {
        var reserved = BudgetLedger.Reserve(Fresh, null, "rel-1", Yuan.Parse("4000.00"));
        Assert.Equal(BudgetOutcome.Applied, reserved.Outcome);
        Assert.Equal(Yuan.Parse("6000.00"), reserved.Balance.Available);
        Assert.Equal(Yuan.Parse("4000.00"), reserved.Balance.Reserved);

        var spent = BudgetLedger.Spend(reserved.Balance, reserved.Hold);
        Assert.Equal(BudgetOutcome.Applied, spent.Outcome);
        Assert.Equal((Yuan.Zero, Yuan.Parse("4000.00"), Yuan.Parse("6000.00")),
            (spent.Balance.Reserved, spent.Balance.Spent, spent.Balance.Available));
        Assert.Equal(BudgetHoldState.Spent, spent.Hold!.State);
    }

    [Fact]
    public void Repeating_a_step_for_the_same_application_is_a_no_op()
    {
        var reserved = BudgetLedger.Reserve(Fresh, null, "rel-1", Yuan.Parse("4000.00"));
        var again = BudgetLedger.Reserve(reserved.Balance, reserved.Hold, "rel-1", Yuan.Parse("4000.00"));
        Assert.Equal(BudgetOutcome.AlreadyApplied, again.Outcome);
        Assert.False(again.MustWrite);
        Assert.Equal(reserved.Balance, again.Balance);

        var spent = BudgetLedger.Spend(reserved.Balance, reserved.Hold);
        Assert.Equal(BudgetOutcome.AlreadyApplied, BudgetLedger.Spend(spent.Balance, spent.Hold).Outcome);
        Assert.Equal(BudgetOutcome.AlreadyApplied, BudgetLedger.Reserve(spent.Balance, spent.Hold, "rel-1", Yuan.Parse("4000.00")).Outcome);

        var released = BudgetLedger.Release(reserved.Balance, reserved.Hold);
        Assert.Equal(Fresh.Available, released.Balance.Available);
        Assert.Equal(BudgetOutcome.AlreadyApplied, BudgetLedger.Release(released.Balance, released.Hold).Outcome);
    }

    [Fact]
    public void Never_reserves_beyond_what_is_available()
    {
        var balance = Fresh;
        var outcomes = new List<BudgetOutcome>();
        for (var i = 0; i < 50; i++)
        {
            var change = BudgetLedger.Reserve(balance, null, $"rel-{i}", Yuan.Parse("1000.00"));
            outcomes.Add(change.Outcome);
            balance = change.Balance;
        }
        Assert.Equal(10, outcomes.Count(o => o == BudgetOutcome.Applied));
        Assert.Equal(40, outcomes.Count(o => o == BudgetOutcome.InsufficientFunds));
        Assert.Equal(Yuan.Zero, balance.Available);
    }

    [Fact]
    public void Contradictory_steps_are_conflicts_and_change_nothing()
    {
        var reserved = BudgetLedger.Reserve(Fresh, null, "rel-1", Yuan.Parse("4000.00"));
        var spent = BudgetLedger.Spend(reserved.Balance, reserved.Hold);
        Assert.Equal(BudgetOutcome.Conflict, BudgetLedger.Release(spent.Balance, spent.Hold).Outcome);
        Assert.Equal(BudgetOutcome.Conflict, BudgetLedger.Reserve(reserved.Balance, reserved.Hold, "rel-1", Yuan.Parse("5000.00")).Outcome);
        Assert.Equal(BudgetOutcome.Conflict, BudgetLedger.Spend(Fresh, null).Outcome);
        Assert.Equal(BudgetOutcome.NothingHeld, BudgetLedger.Release(Fresh, null).Outcome);
    }

    [Fact]
    public void Budget_cannot_be_set_below_what_is_committed()
    {
        var reserved = BudgetLedger.Reserve(Fresh, null, "rel-1", Yuan.Parse("4000.00")).Balance;
        Assert.Equal("below_committed", Assert.Single(BudgetLedger.SetBudget(reserved, Yuan.Parse("3999.99")).Errors).Code);
        Assert.Equal(Yuan.Zero, BudgetLedger.SetBudget(reserved, Yuan.Parse("4000.00")).Value!.Available);
    }
}
