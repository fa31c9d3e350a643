using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>A validated application: what the orchestration, eligibility and stores work with.</summary>
public sealed record ReliefApplicationDetails
{
    public required string ProgramCode { get; init; }
    public required Applicant Applicant { get; init; }
    public required int HouseholdSize { get; init; }
    public required Yuan MonthlyIncomePerPerson { get; init; }
    public required Yuan MinimumLivingLine { get; init; }
    public required ReliefReason Reason { get; init; }
    public string? Description { get; init; }
    public required Yuan RequestedAmount { get; init; }
    public required IReadOnlyList<SupportingDocument> Documents { get; init; }
    public required PayeeAccount PayeeAccount { get; init; }
    public string? SourceTicketId { get; init; }
}

/// <summary><see cref="NationalId"/> is canonical (upper-case X); mask it before showing or logging.</summary>
public sealed record Applicant(string MemberId, string Name, string NationalId, string RegionCode, string Employer, string? Phone);

public sealed record SupportingDocument(string Name, string? Reference);

/// <summary>Where the money goes; the bank export is the only place the full account number appears.</summary>
public sealed record PayeeAccount(string AccountName, string AccountNumber, string BankName);
