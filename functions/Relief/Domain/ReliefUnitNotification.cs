using Gonghui.Functions.Approvals;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The e-mail to the applicant's handling unit when an application ends or needs them
/// (refused, returned, expired, rejected, withdrawn, approved and paid).
/// </summary>
public static class ReliefUnitNotification
{
    public static RenderedEmail Render(ReliefApprovalState state, ReliefHistoryEntry entry, ReliefApplicationDetails details, string unitName)
    {
        var (outcome, message) = entry.Kind switch
        {
            ReliefEventKind.Paid => ("已审批通过", $"该申请已全部审批通过，已生成付款指令，将通过银行转账发放 {state.Amount.ToDisplayString()}。"),
            ReliefEventKind.Rejected => ("未获批准", $"该申请已由{entry.Level?.ChineseName()}审批人{entry.ActorName}于 {ChinaStandardTime.Format(entry.At)} 驳回，意见：{entry.Comment}"),
            ReliefEventKind.Returned => ("被退回补充材料", $"该申请已由{entry.Level?.ChineseName()}审批人{entry.ActorName}于 {ChinaStandardTime.Format(entry.At)} 退回，意见：{entry.Comment} 请补充后重新提交。"),
            ReliefEventKind.Expired => ("审批超时退回", $"{entry.Comment}预算预留已释放；如仍需申请，请重新提交。"),
            ReliefEventKind.Withdrawn => ("已撤回", $"该申请已由{entry.ActorName}于 {ChinaStandardTime.Format(entry.At)} 撤回。{(entry.Comment is null ? "" : $"原因：{entry.Comment}")}"),
            ReliefEventKind.Refused => ("未予受理", entry.Comment ?? ""),
            _ => throw new ArgumentException($"No unit notification for {entry.Kind}.", nameof(entry)),
        };
        var rows = new List<SummaryRow>
        {
            new("编号", state.ApplicationId),
            new("帮扶项目", state.ProgramName),
            new("申请金额", state.Amount.ToDisplayString()),
            new("申请人", details.Applicant.Name),
            new("身份证号", NationalId.Mask(details.Applicant.NationalId)),
        };
        if (details.SourceTicketId is { } ticket) rows.Add(new("来源工单", ticket));
        var subject = $"【帮扶救助】{state.ProgramName}申请 {state.ApplicationId} {outcome}";
        var html = Html.Document(subject, $"""
            <p>{Html.Encode(unitName)}：</p>
            {Html.Paragraph(message)}
            {Html.Table(rows)}
            """);
        return new RenderedEmail(subject, html, PlainTextLetter.Write($"{unitName}：", message, rows));
    }
}
