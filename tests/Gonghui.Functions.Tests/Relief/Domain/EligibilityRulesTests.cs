using Gonghui.Functions.Money;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Domain;

public class EligibilityRulesTests
{
    private static EligibilityDecision Evaluate(
        ReliefApplicationDetails application, string[]? open = null, string granted = "0",
        ModelWorkerStanding standing = ModelWorkerStanding.NotRegistered) =>
        EligibilityRules.Evaluate(new EligibilityInput(
            ReliefSamples.Program(application.ProgramCode), application, open ?? [], Yuan.Parse(granted), standing));

    [Fact]
    public void Income_below_twice_the_line_is_eligible_and_below_the_line_is_deep_hardship()
    {
        var ordinary = Evaluate(ReliefSamples.Details(income: "2789.99"));
        Assert.True(ordinary.IsEligible);
        Assert.False(ordinary.IsDeepHardship);
        var deep = Evaluate(ReliefSamples.Details(income: "1394.99"));
        Assert.True(deep.IsDeepHardship);
    }

    [Fact]
    public void Income_at_twice_the_line_is_refused_naming_the_rule()
    {
        var decision = Evaluate(ReliefSamples.Details(income: "2790.00"));
        Assert.False(decision.IsEligible);
        Assert.Equal(EligibilityRules.IncomeTooHigh, decision.Refusal!.Code);
        Assert.Contains("2,790.00 元", decision.Refusal.Message);
    }

    [Fact]
    public void Another_open_application_of_the_same_person_and_program_is_refused()
    {
        var decision = Evaluate(ReliefSamples.Details(), open: ["rel-41"]);
        Assert.Equal(EligibilityRules.OpenApplicationExists, decision.Refusal!.Code);
        Assert.Contains("rel-41", decision.Refusal.Message);
    }

    [Fact]
    public void Amount_over_program_maximum_is_refused_but_deep_hardship_may_get_more()
    {
        Assert.Equal(EligibilityRules.AmountOverProgramMaximum,
            Evaluate(ReliefSamples.Details(amount: "10000.01")).Refusal!.Code);
        Assert.True(Evaluate(ReliefSamples.Details(amount: "10000.01", income: "1000.00")).IsEligible);
    }

    [Fact]
    public void Yearly_cap_counts_what_was_already_granted_plus_this_amount()
    {
        Assert.True(Evaluate(ReliefSamples.Details(amount: "4800.00"), granted: "25200.00").IsEligible);
        var decision = Evaluate(ReliefSamples.Details(amount: "4800.00"), granted: "25200.01");
        Assert.Equal(EligibilityRules.YearlyCapExceeded, decision.Refusal!.Code);
        Assert.Contains("4,799.99 元", decision.Refusal.Message);
    }

    [Fact]
    public void Model_worker_subsidy_requires_the_registry_and_has_no_income_test()
    {
        var application = ReliefSamples.Details(programCode: "model_worker_subsidy", amount: "8000.00", income: "9000.00");
        Assert.Equal(EligibilityRules.NotInModelWorkerRegistry, Evaluate(application).Refusal!.Code);
        Assert.Equal(EligibilityRules.ModelWorkerRecordRevoked, Evaluate(application, standing: ModelWorkerStanding.Revoked).Refusal!.Code);
        Assert.Equal(EligibilityRules.ModelWorkerDeceased, Evaluate(application, standing: ModelWorkerStanding.Deceased).Refusal!.Code);
        Assert.True(Evaluate(application, standing: ModelWorkerStanding.Active).IsEligible);
    }

    [Fact]
    public void Application_for_another_program_is_refused()
    {
        var decision = EligibilityRules.Evaluate(new EligibilityInput(
            ReliefSamples.Program("emergency"), ReliefSamples.Details(), [], Yuan.Zero, ModelWorkerStanding.NotRegistered));
        Assert.Equal(EligibilityRules.ProgramMismatch, decision.Refusal!.Code);
    }
}
