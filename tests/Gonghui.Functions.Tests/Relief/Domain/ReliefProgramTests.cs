using Gonghui.Functions.Validation;
using Gonghui.Functions.Money;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Domain;

public class ReliefProgramTests
{
    [Theory]
    [InlineData("hardship", "5000.00", new[] { ApprovalLevel.District })]
    [InlineData("hardship", "5000.01", new[] { ApprovalLevel.District, ApprovalLevel.City })]
    [InlineData("emergency", "20000.00", new[] { ApprovalLevel.District, ApprovalLevel.City })]
    [InlineData("emergency", "20000.01", new[] { ApprovalLevel.District, ApprovalLevel.City, ApprovalLevel.Province })]
    [InlineData("model_worker_subsidy", "100.00", new[] { ApprovalLevel.District, ApprovalLevel.City, ApprovalLevel.Province })]
    public void Approval_levels_follow_the_amount_and_model_worker_subsidy_ends_at_the_province(
        string program, string amount, ApprovalLevel[] levels) =>
        Assert.Equal(levels, ReliefSamples.Program(program).LevelsFor(Yuan.Parse(amount)));

    [Fact]
    public void Seeded_programs_are_valid_and_carry_the_domain_defaults()
    {
        Assert.All(ReliefProgramDefaults.All, program => Assert.Empty(ReliefProgramValidator.Validate(program)));
        Assert.All(ReliefProgramDefaults.All, program =>
        {
            Assert.Equal(new ApprovalTiming(2, 5, 10), program.Timing);
            Assert.Equal(3, program.MaxReturns);
        });
        var hardship = ReliefSamples.Program("hardship").IncomeThreshold!;
        Assert.Equal((200, 100), (hardship.EligibleBelowPercentOfLine, hardship.DeepHardshipBelowPercentOfLine));
        Assert.True(ReliefSamples.Program("model_worker_subsidy").RequiresModelWorkerRegistry);
    }

    [Fact]
    public void Inconsistent_admin_edits_are_field_errors()
    {
        var program = ReliefSamples.Program("hardship") with
        {
            Code = "Hard Ship",
            YearlyCapPerPerson = Yuan.Parse("100.00"),
            ApprovalBands =
            [
                new(Yuan.Parse("5000.00"), [ApprovalLevel.City, ApprovalLevel.District]),
                new(Yuan.Parse("4000.00"), [ApprovalLevel.District]),
            ],
            Timing = new ApprovalTiming(5, 2, 10),
            MaxReturns = -1,
        };
        Assert.Equal(
            new[]
            {
                "code", "yearlyCapPerPerson", "incomeThreshold.deepHardshipMaximumPerApplication",
                "approvalBands[0].levels", "approvalBands[1].upTo", "timing", "maxReturns",
            },
            ReliefProgramValidator.Validate(program).Select(e => e.Field));
    }

    [Fact]
    public void Level_region_codes_derive_from_the_district()
    {
        Assert.Equal("370102", ApprovalLevel.District.RegionCodeFor("370102"));
        Assert.Equal("370100", ApprovalLevel.City.RegionCodeFor("370102"));
        Assert.Equal("370000", ApprovalLevel.Province.RegionCodeFor("370102"));
    }
}

public class WireNameTests
{
    [Fact]
    public void Enum_wire_names_match_the_json_serializer()
    {
        Assert.Equal("awaiting_decision", WireNames<ReliefApplicationStatus>.Of(ReliefApplicationStatus.AwaitingDecision));
        Assert.Equal("\"awaiting_decision\"", System.Text.Json.JsonSerializer.Serialize(ReliefApplicationStatus.AwaitingDecision));
        Assert.True(WireNames<ApprovalDecisionKind>.TryParse("return", out var kind));
        Assert.Equal(ApprovalDecisionKind.Return, kind);
        Assert.False(WireNames<ApprovalDecisionKind>.TryParse("Return", out _));
        Assert.False(WireNames<ApprovalDecisionKind>.TryParse(null, out _));
    }
}
