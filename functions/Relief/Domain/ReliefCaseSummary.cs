using System.Globalization;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The case as approvers see it on the confirmation page and in e-mails, with the national ID,
/// phone number and bank account masked here, before any rendering.
/// </summary>
public static class ReliefCaseSummary
{
    /// <param name="maskPhone">The phone masking of Gonghui.Functions.Privacy (mobile and landline rules live there).</param>
    public static CaseSummary Build(ReliefApprovalState state, ReliefApplicationDetails details, Func<string, string> maskPhone)
    {
        var applicant = details.Applicant;
        var rows = new List<SummaryRow>
        {
            new("帮扶项目", state.IsDeepHardship ? $"{state.ProgramName}（深度困难）" : state.ProgramName),
            new("申请金额", state.Amount.ToDisplayString()),
            new("审批层级", Step(state)),
            new("申请人", applicant.Name),
            new("身份证号", NationalId.Mask(applicant.NationalId)),
        };
        if (applicant.Phone is { } phone) rows.Add(new("联系电话", maskPhone(phone)));
        rows.AddRange(
        [
            new("会员编号", applicant.MemberId),
            new("工作单位", applicant.Employer),
            new("地区代码", applicant.RegionCode),
            new("家庭人口", string.Create(CultureInfo.InvariantCulture, $"{details.HouseholdSize} 人")),
            new("家庭月人均收入", details.MonthlyIncomePerPerson.ToDisplayString()),
            new("当地低保标准", details.MinimumLivingLine.ToDisplayString()),
            new("申请原因", details.Reason.ChineseName()),
        ]);
        if (details.Description is { } description) rows.Add(new("情况说明", description));
        rows.Add(new("证明材料", details.Documents.Count == 0 ? "无" : string.Join("、", details.Documents.Select(d => d.Name))));
        rows.Add(new("收款账户", $"{details.PayeeAccount.BankName} {details.PayeeAccount.AccountName} {MaskAccount(details.PayeeAccount.AccountNumber)}"));
        if (details.SourceTicketId is { } ticket) rows.Add(new("来源工单", ticket));
        var decisions = state.Decisions.Select(d => $"{ChinaStandardTime.Format(d.At)} {d.Level?.ChineseName()} {d.ActorName}：{DecisionName(d.Kind)}{(d.Comment is null ? "" : $"（{d.Comment}）")}").ToList();
        if (decisions.Count > 0) rows.Add(new("审批记录", string.Join("\n", decisions)));
        return new CaseSummary($"{state.ProgramName}申请", state.ApplicationId, rows);
    }

    /// <summary>"第 1/2 级：区县工会审批" for the current level.</summary>
    public static string Step(ReliefApprovalState state) =>
        string.Create(CultureInfo.InvariantCulture, $"第 {state.LevelIndex + 1}/{state.Levels.Count} 级：{state.CurrentLevel.ChineseName()}审批");

    /// <summary>Only the last four digits, as on bank statements: "***************3445".</summary>
    public static string MaskAccount(string accountNumber) =>
        accountNumber.Length <= 4 ? new string('*', accountNumber.Length) : string.Concat(new string('*', accountNumber.Length - 4), accountNumber.AsSpan(accountNumber.Length - 4));

    internal static string DecisionName(ReliefEventKind kind) => kind switch
    {
        ReliefEventKind.Approved => ApprovalDecisionKind.Approve.ChineseName(),
        ReliefEventKind.Rejected => ApprovalDecisionKind.Reject.ChineseName(),
        ReliefEventKind.Returned => ApprovalDecisionKind.Return.ChineseName(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
