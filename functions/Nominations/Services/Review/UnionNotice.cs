using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;

namespace Gonghui.Functions.Nominations.Services.Review;

/// <summary>The e-mail telling the nominating union of a decision on its nomination (approved, returned, rejected, withdrawn).</summary>
public static class UnionNotice
{
    public static RenderedEmail Render(Campaign campaign, NominationReviewState state, NominationHistoryEntry entry, string nomineeName, string unionName)
    {
        var by = $"{entry.Level?.ChineseName()}审核人{entry.ActorName}于 {ChinaStandardTime.Format(entry.At)}";
        var comment = entry.Comment is null ? "" : $"意见：{entry.Comment}";
        var (outcome, message) = entry.Kind switch
        {
            NominationEventKind.Approved when entry.Level == ReviewLevel.Province => ("已入选拟表彰名单", $"该推荐已由{by}审核同意，进入拟表彰公示名单。{comment}"),
            NominationEventKind.Approved => ("审核通过", $"该推荐已由{by}审核同意，已报送{entry.Level!.Value.Next()!.Value.ChineseName()}审核。{comment}"),
            NominationEventKind.Returned => ("退回修改",
                $"该推荐已由{by}退回修改。{comment} 请在 {ChinaStandardTime.Format(entry.DueAt!.Value)} 前修改并重新提交，逾期推荐将自动撤回。"),
            NominationEventKind.Rejected => ("不予推荐", $"该推荐已由{by}审核，决定不予推荐。{comment}"),
            NominationEventKind.RevisionMissed => ("已撤回", entry.Comment ?? "未在修改期限内重新提交，推荐已撤回。"),
            NominationEventKind.Withdrawn => ("已撤回", $"该推荐已于 {ChinaStandardTime.Format(entry.At)} 撤回。{comment}"),
            NominationEventKind.ObjectionUpheld => ("公示异议成立，已撤销", $"公示期间对该推荐的异议经核查成立，推荐已从拟表彰名单中撤销。{comment}"),
            NominationEventKind.Awarded => ("已批准表彰",
                $"评选委员会已于 {ChinaStandardTime.Format(entry.At)} 批准最终名单，该推荐获{campaign.Year} 年度{campaign.Award.ChineseName()}，将录入劳模档案。"),
            _ => ("进展", entry.Comment ?? ""),
        };
        List<SummaryRow> rows = [new("编号", state.NominationId), new("评选活动", campaign.Name), new("被推荐人", nomineeName), new("当前状态", state.Status.ChineseName())];
        var subject = $"【评选推荐】{nomineeName}（{state.NominationId}）{outcome}";
        var html = Html.Document(subject, $"""
            <p>{Html.Encode(unionName)}：</p>
            {Html.Paragraph(message)}
            {Html.Table(rows)}
            """);
        return new RenderedEmail(subject, html, PlainTextLetter.Write($"{unionName}：", message, rows));
    }
}
