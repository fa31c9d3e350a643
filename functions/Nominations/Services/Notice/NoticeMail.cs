using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Services.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Notifications;

namespace Gonghui.Functions.Nominations.Services.Notice;

/// <summary>
/// The notice's e-mails through the <see cref="EmailOutbox"/>, keyed so a repeat is not sent twice: the administrator
/// told of a new objection (the objector's contact masked; the full contact is read through the admin API), the
/// committee's link to the final list, and the union told that an objection against its nomination was dismissed.
/// </summary>
public sealed class NoticeMail(EmailOutbox outbox, ReviewerDirectory directory, NominationReviewSettings reviewSettings, PublicNoticeSettings settings)
{
    public Task ObjectionFiledAsync(Campaign campaign, Objection objection, string nomineeName, CancellationToken cancellationToken)
    {
        var lead = $"公示期间收到一条对{nomineeName}的异议，请组织核查，并通过管理接口记录核查结论（异议成立则撤销该推荐）。";
        List<SummaryRow> rows =
        [
            new("异议编号", objection.Reference), new("评选活动", campaign.Name), new("被异议人", nomineeName),
            new("异议人", objection.ObjectorName), new("联系方式", objection.MaskedContact), new("提交时间", ChinaStandardTime.Format(objection.FiledAt)),
            new("异议内容", objection.Text),
        ];
        return SendAsync($"nominations/objections/{objection.Reference}/admin", settings.AdminEmail,
            $"【公示异议】{campaign.Name} {nomineeName} {objection.Reference}", "管理员：", lead, rows, cancellationToken);
    }

    public Task CommitteeRequestAsync(NoticeBoard board, string linkUrl, DateTimeOffset linkExpiresAt, CancellationToken cancellationToken)
    {
        var summary = new CaseSummary($"{board.Campaign.Name}最终名单", board.Campaign.CampaignId, FinalListPage.SummaryRows(board));
        var email = ApprovalEmails.ApprovalRequest(new ApprovalEmailModel(board.Notice.CommitteeName, summary, "公示结束，待评选委员会批准", linkUrl, linkExpiresAt));
        return outbox.SendAsync(new EmailMessage($"nominations/notice/{board.Campaign.CampaignId}/committee".ToLowerInvariant(), board.Notice.CommitteeEmail,
            email.Subject, email.TextBody, email.HtmlBody), cancellationToken);
    }

    public async Task ObjectionDismissedAsync(Campaign campaign, Objection objection, StoredNomination nomination, CancellationToken cancellationToken)
    {
        var union = await directory.FindUnionAsync(nomination.UnionId, cancellationToken)
            ?? new UnionContact(nomination.UnionId, reviewSettings.DefaultUnionEmail);
        var nomineeName = nomination.Details?.Nominee.Name ?? nomination.NominationId;
        var lead = $"公示期间对{nomineeName}的异议（编号 {objection.Reference}）经核查不成立，该推荐继续保留在拟表彰名单中。核查结论：{objection.Finding}";
        List<SummaryRow> rows = [new("编号", nomination.NominationId), new("评选活动", campaign.Name), new("被推荐人", nomineeName)];
        await SendAsync($"nominations/objections/{objection.Reference}/union", union.Email,
            $"【评选推荐】{nomineeName}（{nomination.NominationId}）公示异议不成立", $"{union.Name}：", lead, rows, cancellationToken);
    }

    private Task SendAsync(string key, string to, string subject, string greeting, string lead, IReadOnlyList<SummaryRow> rows,
        CancellationToken cancellationToken)
    {
        var html = Html.Document(subject, $"""
            <p>{Html.Encode(greeting)}</p>
            {Html.Paragraph(lead)}
            {Html.Table(rows)}
            """);
        return outbox.SendAsync(new EmailMessage(key.ToLowerInvariant(), to, subject, PlainTextLetter.Write(greeting, lead, rows), html), cancellationToken);
    }
}
