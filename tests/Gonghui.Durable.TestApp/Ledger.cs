using Azure;
using Gonghui.Storage.Tables;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Durable.TestApp;

/// <summary>
/// A balance with an idempotency record per charge, kept in one table partition: the record and the balance
/// change are written in one transaction, so a charge applies once however often the activity runs. Every run
/// is also logged as an attempt, to show the activity did run again.
/// </summary>
public sealed class Ledger(IConfiguration configuration)
{
    public const string Partition = "account";
    public const string BalanceRow = "balance";

    private readonly TableClient _table = new TableServiceClient(configuration["AzureWebJobsStorage"]!)
        .GetTableClient((configuration["AzureFunctionsJobHost:extensions:durableTask:hubName"] ?? "GonghuiHub") + "Ledger");

    public async Task CreateAsync()
    {
        await _table.CreateIfNotExistsAsync();
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition, BalanceRow) { ["Amount"] = 0 });
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
    }

    /// <summary>Applies the charge unless its key was applied before; true when this call applied it.</summary>
    public async Task<bool> ChargeAsync(string key, int amount, Action afterEffect)
    {
        await _table.AddEntityAsync(new TableEntity("attempts", Guid.NewGuid().ToString("N")) { ["Key"] = key });
        while (true)
        {
            var balance = (await _table.GetEntityAsync(Partition, BalanceRow)).Value;
            var updated = new TableEntity(Partition, BalanceRow) { ["Amount"] = balance.GetInt32("Amount")!.Value + amount };
            try
            {
                await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, "charge-" + key.Replace(':', '-')) { ["Amount"] = amount }),
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, balance.ETag),
                ]);
                afterEffect();
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                return false;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
            }
        }
    }
}
