using Gonghui.Functions.Money;
using Gonghui.Functions.Relief;
using Gonghui.Storage.Tables;

namespace Gonghui.Functions.ReliefService;

/// <summary>
/// Budgets per program, region and year on Table storage: one partition per <see cref="BudgetKey"/> holding the
/// balance row and one row per hold. Every change writes the balance (under its ETag) and the hold in one
/// entity-group transaction, so racing reservations serialize on the balance and none can take it below zero;
/// a lost race re-reads and asks <see cref="BudgetLedger"/> again, and a repeated step finds its hold.
/// </summary>
public sealed class BudgetStore(TableServiceClient tables)
{
    public const string TableName = "ReliefBudgets";
    private const string BalanceRow = "balance";
    private const string HoldRowPrefix = "hold|";

    private readonly LazyTable _table = new(tables, TableName);

    public async Task<BudgetBalance?> GetAsync(BudgetKey key, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync(key.ToString(), BalanceRow, cancellationToken: cancellationToken);
        return row.HasValue ? ReadBalance(key, row.Value!) : null;
    }

    public async Task<BudgetHold?> GetHoldAsync(BudgetKey key, string holdId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync(key.ToString(), HoldRowPrefix + holdId, cancellationToken: cancellationToken);
        return row.HasValue ? ReadHold(row.Value!) : null;
    }

    /// <summary>Sets (or opens) a budget; it may not fall below what is reserved and spent.</summary>
    public async Task<ValidationResult<BudgetBalance>> SetBudgetAsync(BudgetKey key, Yuan budget, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken);
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync(key.ToString(), BalanceRow, cancellationToken: cancellationToken);
            var current = row.HasValue ? ReadBalance(key, row.Value!) : BudgetBalance.Open(key, Yuan.Zero);
            var result = BudgetLedger.SetBudget(current, budget);
            if (!result.IsValid) return result;
            try
            {
                if (row.HasValue)
                    await table.UpdateEntityAsync(BalanceEntity(result.Value!), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else
                    await table.AddEntityAsync(BalanceEntity(result.Value!), cancellationToken);
                return result;
            }
            catch (Azure.RequestFailedException e) when (ReliefStorageJson.IsConflict(e))
            {
                // Someone changed the balance meanwhile: judge again against what is there now.
            }
        }
    }

    public Task<BudgetOutcome> ReserveAsync(BudgetKey key, string holdId, Yuan amount, CancellationToken cancellationToken = default) =>
        ChangeAsync(key, holdId, (balance, hold) => BudgetLedger.Reserve(balance, hold, holdId, amount), cancellationToken);

    public Task<BudgetOutcome> ReleaseAsync(BudgetKey key, string holdId, CancellationToken cancellationToken = default) =>
        ChangeAsync(key, holdId, BudgetLedger.Release, cancellationToken);

    public Task<BudgetOutcome> SpendAsync(BudgetKey key, string holdId, CancellationToken cancellationToken = default) =>
        ChangeAsync(key, holdId, BudgetLedger.Spend, cancellationToken);

    private async Task<BudgetOutcome> ChangeAsync(
        BudgetKey key, string holdId, Func<BudgetBalance, BudgetHold?, BudgetChange> step, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var partition = key.ToString();
        while (true)
        {
            var balanceRow = await table.GetEntityIfExistsAsync(partition, BalanceRow, cancellationToken: cancellationToken);
            var holdRow = await table.GetEntityIfExistsAsync(partition, HoldRowPrefix + holdId, cancellationToken: cancellationToken);
            // No budget set: nothing is available, and no hold can exist.
            var balance = balanceRow.HasValue ? ReadBalance(key, balanceRow.Value!) : BudgetBalance.Open(key, Yuan.Zero);
            var hold = holdRow.HasValue ? ReadHold(holdRow.Value!) : null;
            var change = step(balance, hold);
            if (!change.MustWrite) return change.Outcome;
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.UpdateReplace, BalanceEntity(change.Balance), balanceRow.Value!.ETag),
                holdRow.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, HoldEntity(key, change.Hold!), holdRow.Value!.ETag)
                    : new(TableTransactionActionType.Add, HoldEntity(key, change.Hold!)),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return change.Outcome;
            }
            catch (Azure.RequestFailedException e) when (ReliefStorageJson.IsConflict(e))
            {
                // Lost the race for the balance (412) or the hold (409): re-read and judge again.
            }
        }
    }

    private static BudgetBalance ReadBalance(BudgetKey key, TableEntity row) => new(key,
        Yuan.FromFen(row.GetInt64("BudgetFen") ?? 0), Yuan.FromFen(row.GetInt64("ReservedFen") ?? 0), Yuan.FromFen(row.GetInt64("SpentFen") ?? 0));

    private static BudgetHold ReadHold(TableEntity row) => new(row.RowKey[HoldRowPrefix.Length..],
        Yuan.FromFen(row.GetInt64("AmountFen") ?? 0), WireName<BudgetHoldState>.TryParse(row.GetString("State"), out var state)
            ? state : throw new InvalidOperationException($"Hold {row.RowKey} has an unknown state."));

    private static TableEntity BalanceEntity(BudgetBalance balance) => new(balance.Key.ToString(), BalanceRow)
    {
        ["ProgramCode"] = balance.Key.ProgramCode,
        ["RegionCode"] = balance.Key.RegionCode,
        ["Year"] = balance.Key.Year,
        ["BudgetFen"] = balance.Budget.Fen,
        ["ReservedFen"] = balance.Reserved.Fen,
        ["SpentFen"] = balance.Spent.Fen,
    };

    private static TableEntity HoldEntity(BudgetKey key, BudgetHold hold) => new(key.ToString(), HoldRowPrefix + hold.HoldId)
    {
        ["AmountFen"] = hold.Amount.Fen,
        ["State"] = WireName<BudgetHoldState>.Of(hold.State),
    };
}
