using Gonghui.Functions.Calendar;
namespace Gonghui.Functions.Approvals;

/// <summary>What an approver e-mail needs; <paramref name="LinkUrl"/> is the absolute /api/approvals/{token} URL.</summary>
public sealed record ApprovalEmailModel(string RecipientName, CaseSummary Summary, string Step, string LinkUrl, DateTimeOffset LinkExpiresAt);

/// <summary>The approver's e-mails: the request, the reminder and the escalation to the deputy.</summary>
public static class ApprovalEmails
{
    public static RenderedEmail ApprovalRequest(ApprovalEmailModel model) =>
        Render(model, "待审批", $"您有一份{model.Summary.Title}等待审批（{model.Step}）。");

    public static RenderedEmail Reminder(ApprovalEmailModel model, int waitingWorkingDays) =>
        Render(model, "催办", $"以下{model.Summary.Title}（{model.Step}）已等待您审批 {waitingWorkingDays} 个工作日，请尽快处理。");

    public static RenderedEmail Escalation(ApprovalEmailModel model, string originalApproverName, int waitingWorkingDays) =>
        Render(model, "转办",
            $"以下{model.Summary.Title}（{model.Step}）已 {waitingWorkingDays} 个工作日未经审批人{originalApproverName}处理，现转请您作为副职审批人审批。您与原审批人任一人作出的决定均有效。");

    private static RenderedEmail Render(ApprovalEmailModel model, string tag, string lead)
    {
        var summary = model.Summary;
        var rows = new List<SummaryRow> { new("编号", summary.Reference) };
        rows.AddRange(summary.Rows);
        var validity = $"链接 {ChinaStandardTime.Format(model.LinkExpiresAt)} 前有效，仅限您本人使用。打开链接只显示确认页面，需在页面上点击按钮才会提交决定。";
        var html = Html.Document(summary.Title, $"""
            <p>{Html.Encode(model.RecipientName)}，您好！</p>
            {Html.Paragraph(lead)}
            {Html.Table(rows)}
            <p><a class="button" href="{Html.Encode(model.LinkUrl)}">查看并审批</a></p>
            {Html.Paragraph(validity, "note")}
            {Html.Paragraph("如按钮无法打开，请复制以下链接到浏览器：", "note")}
            {Html.Paragraph(model.LinkUrl, "note")}
            """);
        var text = PlainTextLetter.Write($"{model.RecipientName}，您好！", lead, rows, "查看并审批：", model.LinkUrl, "", validity);
        return new RenderedEmail($"【{tag}】{summary.Title} {summary.Reference}", html, text);
    }
}
