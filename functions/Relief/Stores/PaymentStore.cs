using Gonghui.Functions.Json;
using Azure.Data.Tables;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Stores;

/// <summary>
/// Payment instructions: one row per application id (the payment id), added with an insert that fails when the
/// row exists, so a rerun after a crash, on whatever day, finds the first instruction instead of making a second.
/// The export reads the rows of one instruction day.
/// </summary>
public sealed class PaymentStore(TableServiceClient tables)
{
    public const string TableName = "ReliefPayments";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>Stores the instruction unless one exists for the application; returns the stored one either way.</summary>
    public async Task<PaymentInstruction> CreateOnceAsync(PaymentInstruction payment, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(payment.PaymentId, "")
            {
                ["InstructedOn"] = payment.InstructedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["Json"] = AppJson.Serialize(payment),
            }, cancellationToken);
            return payment;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(payment.PaymentId, cancellationToken))!;
        }
    }

    public async Task<PaymentInstruction?> GetAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(paymentId, "", cancellationToken: cancellationToken);
        return row.HasValue ? AppJson.Deserialize<PaymentInstruction>(row.Value!.GetString("Json")!) : null;
    }

    public async Task<IReadOnlyList<PaymentInstruction>> ListForDayAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var text = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var payments = new List<PaymentInstruction>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"InstructedOn eq {text}"), cancellationToken: cancellationToken))
            payments.Add(AppJson.Deserialize<PaymentInstruction>(row.GetString("Json")!));
        return payments;
    }
}
