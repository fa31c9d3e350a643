using Gonghui.Functions.Approvals;
using Gonghui.Functions.Money;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The one payment of an approved application. <see cref="PaymentId"/> is the application id, so a
/// second attempt to create it (activity retry, crash and replay) finds the first: store it with an
/// insert that fails on an existing row, in the same partition per day as the export reads.
/// </summary>
public sealed record PaymentInstruction
{
    public required string PaymentId { get; init; }
    public required string ApplicationId { get; init; }
    public required BudgetKey Budget { get; init; }
    public required string ProgramName { get; init; }
    public required PayeeAccount Payee { get; init; }
    public required Yuan Amount { get; init; }

    /// <summary>When the last level approved.</summary>
    public required DateTimeOffset ApprovedAt { get; init; }

    /// <summary>The China-time day the instruction was created: the day of the bank export it belongs to.</summary>
    public required DateOnly InstructedOn { get; init; }

    /// <summary>The transfer's remark (附言) as the payee's bank shows it.</summary>
    public string Purpose => $"{ProgramName} {ApplicationId}";

    public static PaymentInstruction Create(ReliefApprovalState state, ReliefApplicationDetails details, DateTimeOffset createdAt)
    {
        if (state.Status != ReliefApplicationStatus.Approved && state.Status != ReliefApplicationStatus.Paid)
            throw new InvalidOperationException($"Application {state.ApplicationId} is {state.Status}, not approved.");
        return new PaymentInstruction
        {
            PaymentId = state.ApplicationId,
            ApplicationId = state.ApplicationId,
            Budget = state.Budget,
            ProgramName = state.ProgramName,
            Payee = details.PayeeAccount,
            Amount = state.Amount,
            ApprovedAt = state.Decisions.Last().At,
            InstructedOn = ChinaStandardTime.ToLocalDate(createdAt),
        };
    }
}
