using System.Text.Json.Serialization;
using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The body of POST /api/relief/applications as the client sent it (camelCase JSON, web defaults).
/// Everything is optional here so that <see cref="ReliefApplicationValidator"/> can report each
/// missing or bad field; amounts are kept as their literal text (string or number in JSON).
/// </summary>
public sealed record ReliefApplicationRequest
{
    public string? ProgramCode { get; init; }
    public ApplicantRequest? Applicant { get; init; }
    public int? HouseholdSize { get; init; }
    [JsonConverter(typeof(AmountTextJsonConverter))] public string? MonthlyIncomePerPerson { get; init; }
    [JsonConverter(typeof(AmountTextJsonConverter))] public string? MinimumLivingLine { get; init; }
    public string? Reason { get; init; }
    public string? Description { get; init; }
    [JsonConverter(typeof(AmountTextJsonConverter))] public string? RequestedAmount { get; init; }
    public IReadOnlyList<SupportingDocumentRequest?>? Documents { get; init; }
    public PayeeAccountRequest? PayeeAccount { get; init; }
    public string? SourceTicketId { get; init; }
}

public sealed record ApplicantRequest
{
    public string? MemberId { get; init; }
    public string? Name { get; init; }
    public string? NationalId { get; init; }
    public string? RegionCode { get; init; }
    public string? Employer { get; init; }
    public string? Phone { get; init; }
}

public sealed record SupportingDocumentRequest
{
    public string? Name { get; init; }
    public string? Reference { get; init; }
}

public sealed record PayeeAccountRequest
{
    public string? AccountName { get; init; }
    public string? AccountNumber { get; init; }
    public string? BankName { get; init; }
}
