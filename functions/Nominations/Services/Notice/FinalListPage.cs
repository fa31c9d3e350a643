using System.Globalization;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Nominations.Domain.Notice;

namespace Gonghui.Functions.Nominations.Services.Notice;

/// <summary>
/// The committee's page behind its link: the final list after the notice (withdrawn lines marked), the objections'
/// outcome, and one button that approves it. Served like <see cref="ApprovalPages"/>: deciding needs the POST of this form.
/// </summary>
public static class FinalListPage
{
    public static IReadOnlyList<SummaryRow> SummaryRows(NoticeBoard board)
    {
        var upheld = board.Objections.Count(o => o.Status == ObjectionStatus.Upheld);
        var dismissed = board.Objections.Count(o => o.Status == ObjectionStatus.Dismissed);
        return
        [
            new("评选活动", board.Campaign.Name),
            new("公示期", $"{ChinaStandardTime.Format(board.Notice.Period.Starts)} 至 {ChinaStandardTime.Format(board.Notice.Period.Ends)}"),
            new("公示人数", board.Entries.Count.ToString(CultureInfo.InvariantCulture)),
            new("拟批准表彰", string.Join("、", board.Entries.Where(e => !e.WithdrawnOnObjection).Select(e => e.Name))),
            new("公示异议", string.Create(CultureInfo.InvariantCulture, $"共 {board.Objections.Count} 条：成立 {upheld} 条（已撤销），不成立 {dismissed} 条")),
        ];
    }

    public static string Confirmation(NoticeBoard board, string formAction, string formToken, DateTimeOffset linkExpiresAt)
    {
        var lines = board.Entries.Select(e => new SummaryRow(e.Name,
            e.WithdrawnOnObjection ? "已撤销（异议成立）" : $"{e.Employer}，{e.JobTitle}；拟授予{e.Award}"));
        var body = $"""
            <h1>{Html.Encode(board.Campaign.Name)}最终名单</h1>
            <p>{Html.Encode(board.Notice.CommitteeName)}：公示期已结束，异议均已处理完毕，请审定最终名单。</p>
            {Html.Table(SummaryRows(board))}
            {Html.Table(lines)}
            <form method="post" action="{Html.Encode(formAction)}">
            <input type="hidden" name="{ApprovalForm.FormToken}" value="{Html.Encode(formToken)}">
            <div class="actions"><button type="submit" class="approve" name="{ApprovalForm.Decision}" value="approve">批准最终名单</button></div>
            </form>
            {Html.Paragraph($"批准后名单内人员即获表彰并录入劳模档案，各推荐单位将收到通知。点击按钮后才会提交；本链接 {ChinaStandardTime.Format(linkExpiresAt)} 前有效，使用一次后失效。", "note")}
            """;
        return Html.Document($"{board.Campaign.Name}最终名单", body);
    }

    public static string Approved(NoticeBoard board, ApprovalTaskConclusion conclusion) => Html.Document("最终名单已批准", $"""
        {Html.Paragraph($"{conclusion.ByName}已于 {ChinaStandardTime.Format(conclusion.At)} 批准{board.Campaign.Name}最终名单。", "ok")}
        {Html.Table(SummaryRows(board))}
        """);
}
