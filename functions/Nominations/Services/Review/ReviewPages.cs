using System.Globalization;
using System.Text;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Nominations.Domain.Review;

namespace Gonghui.Functions.Nominations.Services.Review;

/// <summary>
/// The confirmation page behind a review link; <paramref name="FormAction"/> is the link's own path, each material a
/// label ("推荐审批表：表.pdf") and its hash.
/// </summary>
public sealed record ReviewPageModel(CaseSummary Summary, string ReviewerName, string FormAction, string FormToken, DateTimeOffset LinkExpiresAt,
    int DefaultRevisionWorkingDays, IReadOnlyList<(string Label, string Sha256)> Materials);

/// <summary>
/// The review link's confirmation page, in Simplified Chinese: the nomination (ID masked), its materials (read
/// through the link), and approve / return for revision / reject with a comment. Served like
/// <see cref="ApprovalPages"/>: no scripts, no-store, a strict CSP; deciding needs the POST of this form.
/// </summary>
public static class ReviewPages
{
    public const string RevisionDaysField = "revisionDays";

    public static string Confirmation(ReviewPageModel model, string? errorMessage = null)
    {
        var summary = model.Summary;
        var materials = new StringBuilder();
        foreach (var (label, sha256) in model.Materials)
            materials.Append("<li><a href=\"").Append(Html.Encode($"{model.FormAction}/materials/{sha256}")).Append("\">")
                .Append(Html.Encode(label)).Append("</a></li>");
        var days = model.DefaultRevisionWorkingDays.ToString(CultureInfo.InvariantCulture);
        var body = $"""
            <h1>{Html.Encode(summary.Title)}</h1>
            <p>{Html.Encode(model.ReviewerName)}，您好！以下推荐等待您审核。</p>
            {(errorMessage is null ? "" : Html.Paragraph(errorMessage, "alert"))}
            {Html.Table([new SummaryRow("编号", summary.Reference), .. summary.Rows])}
            <p>推荐材料：</p>
            <ul>{materials}</ul>
            <form method="post" action="{Html.Encode(model.FormAction)}">
            <input type="hidden" name="{ApprovalForm.FormToken}" value="{Html.Encode(model.FormToken)}">
            <p><label for="comment">审核意见（退回修改或不予推荐时必填）</label></p>
            <textarea id="comment" name="{ApprovalForm.Comment}" maxlength="{NominationReviewWorkflow.MaxCommentLength.ToString(CultureInfo.InvariantCulture)}"></textarea>
            <p><label for="revisionDays">退回修改期限（工作日）</label>
            <input id="revisionDays" name="{RevisionDaysField}" type="number" min="1" max="{NominationReviewWorkflow.MaxRevisionWorkingDays.ToString(CultureInfo.InvariantCulture)}" value="{days}"></p>
            <div class="actions">
            <button type="submit" class="approve" name="{ApprovalForm.Decision}" value="approve">同意</button>
            <button type="submit" class="return" name="{ApprovalForm.Decision}" value="return">退回修改</button>
            <button type="submit" class="reject" name="{ApprovalForm.Decision}" value="reject">不予推荐</button>
            </div>
            </form>
            {Html.Paragraph($"同意即占用本级名额；名额已满时不能同意，您将另行收到邮件说明。点击按钮后才会提交决定；本链接仅限您本人使用，{ChinaStandardTime.Format(model.LinkExpiresAt)} 前有效，使用一次后失效。", "note")}
            """;
        return Html.Document($"推荐审核 - {summary.Title}", body);
    }

    /// <summary>After a decision was recorded; an approval still has to find a place of the level's quota.</summary>
    public static string DecisionRecorded(ApprovalTaskConclusion conclusion, string nominationId, ReviewDecisionKind kind)
    {
        var placeNote = kind == ReviewDecisionKind.Approve ? "同意将占用本级名额；如名额已满，推荐将留在本级，您将收到邮件说明。" : "推荐单位将收到邮件通知。";
        return Html.Document("审核意见已提交",
            $"<h1>审核意见已提交</h1>{Html.Paragraph($"您对推荐 {nominationId} 的决定“{conclusion.Decision}”已于 {ChinaStandardTime.Format(conclusion.At)} 记录。{placeNote}", "ok")}");
    }
}
