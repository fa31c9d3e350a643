using System.Globalization;
using CsvHelper;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>One line of the bank-transfer file, in the column order of <see cref="Header"/>.</summary>
public sealed record PaymentCsvRow
{
    public required string PaymentId { get; init; }
    public required string ApplicationId { get; init; }
    public required string Program { get; init; }
    public required string RegionCode { get; init; }
    public required int BudgetYear { get; init; }
    public required string PayeeName { get; init; }
    public required string BankName { get; init; }
    public required string AccountNumber { get; init; }

    /// <summary>Yuan with two decimals, "4800.00".</summary>
    public required string Amount { get; init; }

    public required string Currency { get; init; }
    public required string Purpose { get; init; }

    /// <summary>ISO 8601 in China time, "2026-11-20T11:00:00+08:00".</summary>
    public required string ApprovedAt { get; init; }

    public required string InstructedOn { get; init; }

    public static readonly string[] Header =
    [
        "payment_id", "application_id", "program", "region_code", "budget_year", "payee_name", "bank_name",
        "account_number", "amount", "currency", "purpose", "approved_at", "instructed_on",
    ];

    public string[] ToFields() =>
    [
        PaymentId, ApplicationId, Program, RegionCode, BudgetYear.ToString(CultureInfo.InvariantCulture), PayeeName, BankName,
        AccountNumber, Amount, Currency, Purpose, ApprovedAt, InstructedOn,
    ];

    public static PaymentCsvRow From(PaymentInstruction payment) => new()
    {
        PaymentId = payment.PaymentId,
        ApplicationId = payment.ApplicationId,
        Program = payment.Budget.ProgramCode,
        RegionCode = payment.Budget.RegionCode,
        BudgetYear = payment.Budget.Year,
        PayeeName = payment.Payee.AccountName,
        BankName = payment.Payee.BankName,
        AccountNumber = payment.Payee.AccountNumber,
        Amount = payment.Amount.ToString(),
        Currency = "CNY",
        Purpose = payment.Purpose,
        ApprovedAt = payment.ApprovedAt.ToOffset(ChinaStandardTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        InstructedOn = payment.InstructedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Writes the bank-transfer CSV: header plus one row per payment id, ordered by payment id.
/// A payment listed twice with the same content is written once; twice with different content is
/// a data error and refused before anything is written. Cells that a spreadsheet would run as a
/// formula are escaped. Serve as text/csv; charset=utf-8 (with a BOM if it is opened in Excel).
/// </summary>
public static class PaymentCsv
{
    public static int Write(TextWriter writer, IEnumerable<PaymentInstruction> payments)
    {
        var rows = new SortedDictionary<string, PaymentCsvRow>(StringComparer.Ordinal);
        foreach (var payment in payments)
        {
            var row = PaymentCsvRow.From(payment);
            if (rows.TryGetValue(row.PaymentId, out var existing) && existing != row)
                throw new InvalidOperationException($"Payment {row.PaymentId} appears twice with different content.");
            rows[row.PaymentId] = row;
        }
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(PaymentCsvRow.Header);
        foreach (var row in rows.Values) csv.WriteRecord(row.ToFields());
        csv.Flush();
        return rows.Count;
    }
}
