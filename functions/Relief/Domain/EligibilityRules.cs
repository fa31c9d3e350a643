using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The eligibility rules of a relief application, as one pure function. Rules are checked in a fixed
/// order (program, registry, income, open application, amount, yearly cap) and the first failure is
/// the refusal, so the same input always names the same rule.
/// </summary>
public static class EligibilityRules
{
    public const string ProgramMismatch = "program_mismatch";
    public const string NotInModelWorkerRegistry = "not_in_model_worker_registry";
    public const string ModelWorkerRecordRevoked = "model_worker_record_revoked";
    public const string ModelWorkerDeceased = "model_worker_deceased";
    public const string IncomeTooHigh = "income_too_high";
    public const string OpenApplicationExists = "open_application_exists";
    public const string AmountOverProgramMaximum = "amount_over_program_maximum";
    public const string YearlyCapExceeded = "yearly_cap_exceeded";

    public static EligibilityDecision Evaluate(EligibilityInput input)
    {
        var (program, application) = (input.Program, input.Application);
        if (application.ProgramCode != program.Code)
            return EligibilityDecision.Refused(ProgramMismatch, $"申请的项目与“{program.Name}”不一致。");

        if (program.RequiresModelWorkerRegistry)
        {
            switch (input.ModelWorkerStanding)
            {
                case ModelWorkerStanding.NotRegistered:
                    return EligibilityDecision.Refused(NotInModelWorkerRegistry, $"申请人不在劳模档案中，不能申请{program.Name}。");
                case ModelWorkerStanding.Revoked:
                    return EligibilityDecision.Refused(ModelWorkerRecordRevoked, $"申请人的劳模称号已被撤销，不能申请{program.Name}。");
                case ModelWorkerStanding.Deceased:
                    return EligibilityDecision.Refused(ModelWorkerDeceased, $"劳模档案记载申请人已故，不能申请{program.Name}。");
            }
        }

        var deepHardship = false;
        if (program.IncomeThreshold is { } threshold)
        {
            var income = application.MonthlyIncomePerPerson;
            var limit = application.MinimumLivingLine.TimesPercent(threshold.EligibleBelowPercentOfLine);
            if (!IsBelowPercentOfLine(income, application.MinimumLivingLine, threshold.EligibleBelowPercentOfLine))
                return EligibilityDecision.Refused(IncomeTooHigh,
                    $"家庭月人均收入 {income.ToDisplayString()} 不低于当地低保标准的 {threshold.EligibleBelowPercentOfLine}%（{limit.ToDisplayString()}），不符合{program.Name}条件。");
            deepHardship = IsBelowPercentOfLine(income, application.MinimumLivingLine, threshold.DeepHardshipBelowPercentOfLine);
        }

        if (input.OtherOpenApplicationIds.Count > 0)
            return EligibilityDecision.Refused(OpenApplicationExists,
                $"申请人已有一份{program.Name}申请正在办理（{input.OtherOpenApplicationIds[0]}），办结后才能再次申请。");

        var maximum = MaximumFor(program, deepHardship);
        var requested = application.RequestedAmount;
        if (requested > maximum)
            return EligibilityDecision.Refused(AmountOverProgramMaximum,
                $"申请金额 {requested.ToDisplayString()} 超过{program.Name}单次上限 {maximum.ToDisplayString()}。");

        var remaining = program.YearlyCapPerPerson > input.GrantedThisYear ? program.YearlyCapPerPerson - input.GrantedThisYear : Yuan.Zero;
        if (requested > remaining)
            return EligibilityDecision.Refused(YearlyCapExceeded,
                $"申请人本年度已获{program.Name} {input.GrantedThisYear.ToDisplayString()}，加上本次 {requested.ToDisplayString()} 将超过每人年度上限 {program.YearlyCapPerPerson.ToDisplayString()}（本年度尚可申请 {remaining.ToDisplayString()}）。");

        return EligibilityDecision.Eligible(deepHardship);
    }

    /// <summary>The most one application may ask for; deep hardship may be granted more.</summary>
    public static Yuan MaximumFor(ReliefProgram program, bool deepHardship) =>
        deepHardship && program.IncomeThreshold is { } threshold
            ? threshold.DeepHardshipMaximumPerApplication
            : program.MaximumPerApplication;

    // Compared in whole fen times percent, so "below 2 × the line" has no rounding at the boundary.
    private static bool IsBelowPercentOfLine(Yuan income, Yuan line, int percent) =>
        (decimal)income.Fen * 100 < (decimal)line.Fen * percent;
}
