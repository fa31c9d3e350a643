using System.Globalization;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Approvals;

/// <summary>
/// The pages behind an approval link, in Simplified Chinese. Serve them with
/// Cache-Control: no-store, Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline';
/// form-action 'self'; frame-ancestors 'none' (no scripts are used).
/// </summary>
public static class ApprovalPages
{
    /// <summary>Shows the case and the three choices; deciding needs the POST of this form.</summary>
    public static string Confirmation(ConfirmationPageModel model, string? errorMessage = null)
    {
        var summary = model.Summary;
        var returnButton = model.ReturnsLeft > 0
            ? """<button type="submit" class="return" name="decision" value="return">退回补充材料</button>"""
            : "";
        var returnNote = model.ReturnsLeft > 0
            ? string.Create(CultureInfo.InvariantCulture, $"本申请还可退回 {model.ReturnsLeft} 次。")
            : "本申请的退回次数已用完，只能同意或驳回。";
        var body = $"""
            <h1>{Html.Encode(summary.Title)}</h1>
            <p>{Html.Encode(model.ApproverName)}，您好！以下申请等待您审批：{Html.Encode(model.Step)}。</p>
            {(errorMessage is null ? "" : Html.Paragraph(errorMessage, "alert"))}
            {Html.Table([new SummaryRow("编号", summary.Reference), .. summary.Rows])}
            <form method="post" action="{Html.Encode(model.FormAction)}">
            <input type="hidden" name="{ApprovalForm.FormToken}" value="{Html.Encode(model.FormToken)}">
            <p><label for="comment">审批意见（驳回或退回时必填）</label></p>
            <textarea id="comment" name="{ApprovalForm.Comment}" maxlength="{model.MaxCommentLength.ToString(CultureInfo.InvariantCulture)}"></textarea>
            <div class="actions">
            <button type="submit" class="approve" name="{ApprovalForm.Decision}" value="approve">同意</button>
            <button type="submit" class="reject" name="{ApprovalForm.Decision}" value="reject">驳回</button>
            {returnButton}
            </div>
            </form>
            {Html.Paragraph($"{returnNote}点击按钮后才会提交决定；本链接仅限您本人使用，{ChinaStandardTime.Format(model.LinkExpiresAt)} 前有效，使用一次后失效。", "note")}
            """;
        return Html.Document($"审批确认 - {summary.Title}", body);
    }

    /// <summary>After a successful POST.</summary>
    public static string DecisionRecorded(ApprovalTaskConclusion conclusion, string reference) =>
        Html.Document("审批意见已提交",
            $"<h1>审批意见已提交</h1>{Html.Paragraph($"您对申请 {reference} 的决定“{conclusion.Decision}”已于 {ChinaStandardTime.Format(conclusion.At)} 记录。感谢您的审批。", "ok")}");

    /// <summary>The HTTP status of the page for a link that cannot be used.</summary>
    public static int StatusOf(ApprovalLinkPageKind kind) => kind switch
    {
        ApprovalLinkPageKind.Invalid => 400,
        ApprovalLinkPageKind.FormRejected => 403,
        ApprovalLinkPageKind.Expired => 410,
        _ => 409,
    };

    /// <summary>Every link that cannot be used (any state but Confirm), saying what happened.</summary>
    public static string ForState(ApprovalLinkState state)
    {
        var (title, message) = state.Kind switch
        {
            ApprovalLinkPageKind.AlreadyDecided => ("该事项已处理",
                $"该审批事项已由{state.Conclusion?.ByName}于 {At(state.Conclusion)} 作出决定：{state.Conclusion?.Decision}。此链接已使用，无需再次处理。"),
            ApprovalLinkPageKind.Superseded => ("链接已失效",
                $"该申请已由{state.Conclusion?.ByName}于 {At(state.Conclusion)} 撤回，此审批事项已取消，无需处理。"),
            ApprovalLinkPageKind.Expired when state.Conclusion is { } conclusion => ("链接已过期",
                $"该审批环节已于 {ChinaStandardTime.Format(conclusion.At)} 因超时未处理而结束，申请已退回经办单位。如重新提交，您将收到新的审批邮件。"),
            ApprovalLinkPageKind.Expired => ("链接已过期",
                $"此审批链接已于 {(state.Claims is { } claims ? ChinaStandardTime.Format(claims.ExpiresAt) : "")} 过期。如该事项仍需处理，请联系经办单位重新发送审批邮件。"),
            ApprovalLinkPageKind.FormRejected => ("无法提交",
                "提交未通过安全校验（页面已失效或并非从审批页面提交）。请重新打开邮件中的链接后再提交。"),
            ApprovalLinkPageKind.Invalid => ("链接无效", InvalidReason(state.Problem)),
            _ => throw new ArgumentException("The confirmation state is rendered by Confirmation.", nameof(state)),
        };
        return Html.Document(title, $"<h1>{Html.Encode(title)}</h1>{Html.Paragraph(message, "alert")}");
    }

    private static string InvalidReason(ApprovalLinkOutcome? problem) => problem switch
    {
        ApprovalLinkOutcome.Tampered => "此链接已被改动，无法验证。请使用审批邮件中的原始链接，不要修改链接内容。",
        ApprovalLinkOutcome.Malformed => "此链接不完整，可能在复制或转发时被截断。请直接点击审批邮件中的链接。",
        ApprovalLinkOutcome.UnknownKey or ApprovalLinkOutcome.RetiredKey => "此链接的签名密钥已停用，链接不再有效。如该事项仍需处理，请联系经办单位重新发送审批邮件。",
        ApprovalLinkOutcome.WrongBinding => "此链接不是发给您的，或对应的审批事项不存在。请使用发送给您本人的审批邮件中的链接。",
        _ => "此链接无效。",
    };

    private static string At(ApprovalTaskConclusion? conclusion) => conclusion is null ? "" : ChinaStandardTime.Format(conclusion.At);
}
