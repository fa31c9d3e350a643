using System.Text.Json;
using Gonghui.Functions.Money;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Tests.Relief.Domain;

public class ReliefApplicationValidatorTests
{
    private static readonly string[] Programs = ["hardship", "model_worker_subsidy", "emergency"];

    private static ValidationResult<ReliefApplicationDetails> Validate(ReliefApplicationRequest? request) =>
        ReliefApplicationValidator.Validate(request, Programs, ReliefSamples.Today);

    [Fact]
    public void A_complete_request_becomes_details_with_exact_amounts_and_canonical_id()
    {
        var result = Validate(ReliefSamples.Request() with
        {
            Applicant = ReliefSamples.Request().Applicant! with { NationalId = "11010519491231002x" },
        });
        Assert.True(result.IsValid);
        var details = result.Value!;
        Assert.Equal(Yuan.Parse("4800.00"), details.RequestedAmount);
        Assert.Equal("11010519491231002X", details.Applicant.NationalId);
        Assert.Equal(ReliefReason.Illness, details.Reason);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Json_body_with_numbers_or_strings_for_amounts_deserializes_with_web_defaults()
    {
        const string json = """
            {"programCode":"emergency","applicant":{"memberId":"M1","name":"李四","nationalId":"440304199001011233",
             "regionCode":"440304","employer":"深圳某厂"},"householdSize":2,"monthlyIncomePerPerson":1800.5,
             "minimumLivingLine":"1300","reason":"disaster","requestedAmount":true,
             "payeeAccount":{"accountName":"李四","accountNumber":"6222 0202 0011 2233","bankName":"建设银行"}}
            """;
        var request = JsonSerializer.Deserialize<ReliefApplicationRequest>(json, JsonSerializerOptions.Web);
        Assert.Equal("1800.5", request!.MonthlyIncomePerPerson);
        var result = Validate(request);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("requestedAmount", "invalid_amount"), (error.Field, error.Code));
    }

    [Fact]
    public void Every_bad_field_is_reported_by_json_path_with_a_stable_code()
    {
        var request = ReliefSamples.Request() with
        {
            ProgramCode = "lottery",
            Applicant = ReliefSamples.Request().Applicant! with { Name = " ", NationalId = "110105194912310021", RegionCode = "110100" },
            HouseholdSize = 0,
            MonthlyIncomePerPerson = "-5",
            RequestedAmount = "0",
            Reason = "travel",
            Documents = [new SupportingDocumentRequest { Name = "" }, null],
            PayeeAccount = ReliefSamples.Request().PayeeAccount! with { AccountNumber = "12ab" },
        };
        var result = Validate(request);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(
            new[]
            {
                ("programCode", "unknown_program"),
                ("applicant.name", "required"),
                ("applicant.nationalId", "national_id_check_digit"),
                ("applicant.regionCode", "invalid_region_code"),
                ("householdSize", "out_of_range"),
                ("monthlyIncomePerPerson", "invalid_amount"),
                ("requestedAmount", "must_be_positive"),
                ("reason", "invalid_reason"),
                ("documents[0].name", "required"),
                ("documents[1].name", "required"),
                ("payeeAccount.accountNumber", "invalid_account_number"),
            },
            result.Errors.Select(e => (e.Field, e.Code)));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Missing_sections_and_body_are_field_errors_not_exceptions()
    {
        Assert.Equal("required", Assert.Single(Validate(null).Errors).Code);
        var result = Validate(new ReliefApplicationRequest());
        Assert.Contains(result.Errors, e => e.Field == "applicant" && e.Code == "required");
        Assert.Contains(result.Errors, e => e.Field == "payeeAccount" && e.Code == "required");
        Assert.Contains(result.Errors, e => e.Field == "requestedAmount" && e.Code == "required");
    }

    [Fact]
    public void Absurd_amounts_are_out_of_range_not_overflows()
    {
        var result = Validate(ReliefSamples.Request() with { MinimumLivingLine = "9999999999999.99", RequestedAmount = "100000000.01" });
        Assert.Equal(
            new[] { ("minimumLivingLine", "out_of_range"), ("requestedAmount", "out_of_range") },
            result.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void Control_characters_and_overlong_text_are_refused()
    {
        var result = Validate(ReliefSamples.Request() with
        {
            Applicant = ReliefSamples.Request().Applicant! with { Employer = "A\u0000B" },
            Description = new string('字', ReliefApplicationValidator.MaxDescriptionLength + 1),
        });
        Assert.Contains(result.Errors, e => e is { Field: "applicant.employer", Code: "invalid_characters" });
        Assert.Contains(result.Errors, e => e is { Field: "description", Code: "too_long" });
    }
}
