using System.Text.RegularExpressions;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>Checks a program an administrator submits; field names as in the program's JSON.</summary>
public static partial class ReliefProgramValidator
{
    public const int MaxWorkingDays = 60;
    public const int MaxReturnsLimit = 10;

    public static IReadOnlyList<FieldError> Validate(ReliefProgram program)
    {
        var errors = new List<FieldError>();
        if (!CodePattern().IsMatch(program.Code ?? ""))
            errors.Add(new("code", "invalid_code", "项目代码只能包含小写字母、数字和下划线，以字母开头，最长 40 个字符。"));
        if (string.IsNullOrWhiteSpace(program.Name) || program.Name.Length > 50)
            errors.Add(new("name", "invalid_name", "项目名称必填，最长 50 个字符。"));
        if (program.MaximumPerApplication.Fen == 0)
            errors.Add(new("maximumPerApplication", "must_be_positive", "单次申请上限必须大于 0。"));
        if (program.YearlyCapPerPerson < program.MaximumPerApplication)
            errors.Add(new("yearlyCapPerPerson", "below_maximum_per_application", "每人年度上限不能低于单次申请上限。"));
        if (program.IncomeThreshold is { } income) ValidateIncome(program, income, errors);
        ValidateBands(program.ApprovalBands, errors);
        ValidateTiming(program.Timing, errors);
        if (program.MaxReturns is < 0 or > MaxReturnsLimit)
            errors.Add(new("maxReturns", "out_of_range", $"退回次数上限应在 0 到 {MaxReturnsLimit} 之间。"));
        return errors;
    }

    private static void ValidateIncome(ReliefProgram program, IncomeThreshold income, List<FieldError> errors)
    {
        if (income.EligibleBelowPercentOfLine is <= 0 or > 1000)
            errors.Add(new("incomeThreshold.eligibleBelowPercentOfLine", "out_of_range", "收入标准应为低保标准的 1% 到 1000%。"));
        if (income.DeepHardshipBelowPercentOfLine <= 0 || income.DeepHardshipBelowPercentOfLine > income.EligibleBelowPercentOfLine)
            errors.Add(new("incomeThreshold.deepHardshipBelowPercentOfLine", "out_of_range", "深度困难标准应大于 0 且不高于一般困难标准。"));
        if (income.DeepHardshipMaximumPerApplication < program.MaximumPerApplication)
            errors.Add(new("incomeThreshold.deepHardshipMaximumPerApplication", "below_maximum_per_application", "深度困难单次上限不能低于一般单次上限。"));
        if (income.DeepHardshipMaximumPerApplication > program.YearlyCapPerPerson)
            errors.Add(new("incomeThreshold.deepHardshipMaximumPerApplication", "above_yearly_cap", "深度困难单次上限不能高于每人年度上限。"));
    }

    private static void ValidateBands(IReadOnlyList<ApprovalBand>? bands, List<FieldError> errors)
    {
        if (bands is null || bands.Count == 0)
        {
            errors.Add(new("approvalBands", "required", "至少需要一个审批档次。"));
            return;
        }
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var isLast = i == bands.Count - 1;
            if (isLast != band.UpTo is null)
                errors.Add(new($"approvalBands[{i}].upTo", "invalid_bound", "只有最后一个审批档次不设金额上限。"));
            else if (i > 0 && band.UpTo is { } upTo && bands[i - 1].UpTo is { } previous && upTo <= previous)
                errors.Add(new($"approvalBands[{i}].upTo", "not_ascending", "审批档次的金额上限必须递增。"));
            var levels = band.Levels ?? [];
            if (levels.Count == 0 || !levels.Zip(levels.Skip(1)).All(pair => pair.First < pair.Second)
                || levels.Any(level => !Enum.IsDefined(level)))
                errors.Add(new($"approvalBands[{i}].levels", "invalid_levels", "审批层级不能为空，且须按区县、市、省由低到高排列，不得重复。"));
        }
    }

    private static void ValidateTiming(ApprovalTiming? timing, List<FieldError> errors)
    {
        if (timing is null)
        {
            errors.Add(new("timing", "required", "请设置催办、转办和超时的工作日数。"));
            return;
        }
        if (timing.ReminderAfterWorkingDays < 1
            || timing.EscalationAfterWorkingDays <= timing.ReminderAfterWorkingDays
            || timing.ExpiryAfterWorkingDays <= timing.EscalationAfterWorkingDays
            || timing.ExpiryAfterWorkingDays > MaxWorkingDays)
            errors.Add(new("timing", "invalid_timing", $"须满足 1 ≤ 催办 < 转办副职 < 超时 ≤ {MaxWorkingDays} 个工作日。"));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,39}$")]
    private static partial Regex CodePattern();
}
