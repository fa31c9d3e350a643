using Gonghui.Functions.Validation;
using System.Collections.Concurrent;
using Azure.Data.Tables;
using Gonghui.Functions.Concurrency;
using Gonghui.Functions.Money;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Stores;

/// <summary>
/// Budgets per program, region and year on Table storage: one partition per <see cref="BudgetKey"/> holding the
/// balance row and one row per hold. Every change writes the balance (under its ETag) and the hold in one
/// entity-group transaction, so racing reservations serialize on the balance and none can take it below zero;
/// a lost race re-reads and asks <see cref="BudgetLedger"/> again, and a repeated step finds its hold.
/// Within one instance the changes of a budget take turns and start from the balance this instance wrote last
/// (value and ETag): a hundred applications reserving at once make a hundred transactions, not the hundred times
/// a hundred reads and failed writes of everyone racing everyone. A reservation assumes its hold is new (the insert
/// fails if it is not, and then the hold is read). Another instance's write shows as a failed ETag, and the balance
/// is read again; an answer that writes nothing (insufficient funds, a repeat) is always judged on the stored rows.
/// </summary>
public sealed class BudgetStore(TableServiceClient tables)
{
    public const string TableName = "ReliefBudgets";
    private const string BalanceRow = "balance";
    private const string HoldRowPrefix = "hold|";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly KeyedTurns _turns = new();
    private readonly ConcurrentDictionary<string, KnownBalance> _known = new(StringComparer.Ordinal);

    public async Task<BudgetBalance?> GetAsync(BudgetKey key, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(key.ToString(), BalanceRow, cancellationToken: cancellationToken);
        return row.HasValue ? ReadBalance(key, row.Value!) : null;
    }

    public async Task<BudgetHold?> GetHoldAsync(BudgetKey key, string holdId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(key.ToString(), HoldRowPrefix + holdId, cancellationToken: cancellationToken);
        return row.HasValue ? ReadHold(row.Value!) : null;
    }

    /// <summary>Sets (or opens) a budget; it may not fall below what is reserved and spent.</summary>
    public async Task<ValidationResult<BudgetBalance>> SetBudgetAsync(BudgetKey key, Yuan budget, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(key.ToString(), BalanceRow, cancellationToken: cancellationToken);
            var current = row.HasValue ? ReadBalance(key, row.Value!) : BudgetBalance.Open(key, Yuan.Zero);
            var result = BudgetLedger.SetBudget(current, budget);
            if (!result.IsValid) return result;
            try
            {
                if (row.HasValue)
                    await _table.UpdateEntityAsync(BalanceEntity(result.Value!), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else
                    await _table.AddEntityAsync(BalanceEntity(result.Value!), cancellationToken);
                _known.TryRemove(key.ToString(), out _);
                return result;
            }
            catch (Azure.RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone changed the balance meanwhile: judge again against what is there now.
            }
        }
    }

    public Task<BudgetOutcome> ReserveAsync(BudgetKey key, string holdId, Yuan amount, CancellationToken cancellationToken = default) =>
        ChangeAsync(key, holdId, (balance, hold) => BudgetLedger.Reserve(balance, hold, holdId, amount), holdIsNew: true, cancellationToken);

    public Task<BudgetOutcome> ReleaseAsync(BudgetKey key, string holdId, CancellationToken cancellationToken = default) =>
        ChangeAsync(key, holdId, BudgetLedger.Release, holdIsNew: false, cancellationToken);

    public Task<BudgetOutcome> SpendAsync(BudgetKey key, string holdId, CancellationToken cancellationToken = default) =>
        ChangeAsync(key, holdId, BudgetLedger.Spend, holdIsNew: false, cancellationToken);

    /// <param name="holdIsNew">Judge as if the hold did not exist yet (reservations): the hold's insert checks it.</param>
    private async Task<BudgetOutcome> ChangeAsync(
        BudgetKey key, string holdId, Func<BudgetBalance, BudgetHold?, BudgetChange> step, bool holdIsNew, CancellationToken cancellationToken)
    {
        var partition = key.ToString();
        using var turn = await _turns.TakeAsync(partition, cancellationToken);
        while (true)
        {
            var remembered = _known.GetValueOrDefault(partition);
            var known = remembered ?? await ReadBalanceAsync(key, cancellationToken);
            var stored = holdIsNew ? null : await _table.GetEntityIfExistsAsync<TableEntity>(partition, HoldRowPrefix + holdId, cancellationToken: cancellationToken);
            var hold = stored is { HasValue: true } ? ReadHold(stored.Value!) : null;
            // No budget set: nothing is available, and no hold can exist.
            var change = step(known?.Balance ?? BudgetBalance.Open(key, Yuan.Zero), hold);
            if (!change.MustWrite)
            {
                // An answer that writes nothing stands on what is stored, not on what was remembered or assumed.
                if (remembered is null && !holdIsNew) return change.Outcome;
                _known.TryRemove(partition, out _);
                holdIsNew = false;
                continue;
            }
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.UpdateReplace, BalanceEntity(change.Balance), known!.ETag),
                hold is not null
                    ? new(TableTransactionActionType.UpdateReplace, HoldEntity(key, change.Hold!), stored!.Value!.ETag)
                    : new(TableTransactionActionType.Add, HoldEntity(key, change.Hold!)),
            ];
            try
            {
                var written = (await _table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                _known[partition] = new KnownBalance(change.Balance, written[0].Headers.ETag!.Value);
                return change.Outcome;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 1)
            {
                // The hold exists (a repeated step): nothing was written, so the balance is still as known.
                holdIsNew = false;
            }
            catch (Azure.RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance changed the balance (or the hold) meanwhile: read both and judge again.
                _known.TryRemove(partition, out _);
                holdIsNew = false;
            }
        }
    }

    private async Task<KnownBalance?> ReadBalanceAsync(BudgetKey key, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(key.ToString(), BalanceRow, cancellationToken: cancellationToken);
        return row.HasValue ? new KnownBalance(ReadBalance(key, row.Value!), row.Value!.ETag) : null;
    }

    private static BudgetBalance ReadBalance(BudgetKey key, TableEntity row) => new(key,
        Yuan.FromFen(row.GetInt64("BudgetFen") ?? 0), Yuan.FromFen(row.GetInt64("ReservedFen") ?? 0), Yuan.FromFen(row.GetInt64("SpentFen") ?? 0));

    private static BudgetHold ReadHold(TableEntity row) => new(row.RowKey[HoldRowPrefix.Length..],
        Yuan.FromFen(row.GetInt64("AmountFen") ?? 0), WireNames<BudgetHoldState>.TryParse(row.GetString("State"), out var state)
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

    private sealed record KnownBalance(BudgetBalance Balance, Azure.ETag ETag);

    private static TableEntity HoldEntity(BudgetKey key, BudgetHold hold) => new(key.ToString(), HoldRowPrefix + hold.HoldId)
    {
        ["AmountFen"] = hold.Amount.Fen,
        ["State"] = WireNames<BudgetHoldState>.Of(hold.State),
    };
}
