using System.Globalization;
using System.Net;
using System.Text;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Notifications;

namespace Gonghui.Functions.Hotline.Services;

/// <summary>
/// The e-mails a committed ticket change causes, in Simplified Chinese, plain text and HTML, with the caller's
/// phone masked: a new or transferred ticket to the unit's inbox; SLA warnings to the unit; breaches, the
/// escalation after repeated transfers (提级督办) and a resolution nobody called back about to the unit's supervisor. Keys are derived from the ticket and
/// the history entry, so a redelivered change mails once.
/// </summary>
public static class HotlineEmails
{
    public static IReadOnlyList<EmailMessage> For(Ticket ticket, TicketHistoryEntry entry, RoutingTable routing)
    {
        var unit = routing.FindUnit(ticket.UnitId);
        if (unit is null)
        {
            return [];
        }

        return entry.Action switch
        {
            "assign" => [Build(ticket, entry, unit.Email, "新工单待受理", "您单位有一张新的 12351 工单，请在 1 个工作小时内受理。")],
            "transfer" => [Build(ticket, entry, unit.Email, "转办工单待受理", $"一张 12351 工单已转至您单位办理（转办原因：{entry.Reason}），请在 1 个工作小时内受理。")],
            "sla_event" => SlaEmail(ticket, entry, unit),
            _ => [],
        };
    }

    private static IReadOnlyList<EmailMessage> SlaEmail(Ticket ticket, TicketHistoryEntry entry, HandlingUnit unit)
    {
        var eventKey = entry.Details.GetValueOrDefault("event") ?? "";
        var kind = eventKey.Split(':')[0];
        return kind switch
        {
            "acceptance_warning" => [Build(ticket, entry, unit.Email, "工单即将超时未受理", "该工单受理时限已过 75%，请尽快受理。")],
            "resolution_warning" => [Build(ticket, entry, unit.Email, "工单即将超过办理时限", $"该工单办理时限已过 75%，办结期限为 {Local(ticket.ResolutionClock.DueAt)}，请抓紧办理。")],
            "acceptance_breach" => [Build(ticket, entry, unit.SupervisorEmail, "工单超时未受理", $"{unit.Name}未在 1 个工作小时内受理该工单，请督促办理。")],
            "resolution_breach" => [Build(ticket, entry, unit.SupervisorEmail, "工单超过办理时限", $"{unit.Name}未在办结期限 {Local(ticket.ResolutionClock.DueAt)} 前办结该工单，请督促办理。")],
            "transfer_escalation" => [Build(ticket, entry, unit.SupervisorEmail, "工单多次转办，提级督办", $"该工单已转办 {ticket.TransferCount} 次，现由{unit.Name}办理，请提级督办。")],
            // Closed as "callback failed" when someone tried: that is in the history, and nobody needs to act.
            "callback_overdue" when ticket.Status == TicketStatus.Resolved =>
                [Build(ticket, entry, unit.SupervisorEmail, "工单办结后未回访", $"该工单已于 {Local(ticket.ResolvedAt)} 办结，回访期限内未记录任何回访，请督促接线员回访来电人。")],
            _ => [],
        };
    }

    private static EmailMessage Build(Ticket ticket, TicketHistoryEntry entry, string to, string title, string lead)
    {
        var subject = $"【12351】{title}：{ticket.Number}";
        var fields = new (string Label, string Value)[]
        {
            ("工单编号", ticket.Number.ToString()),
            ("类别", CategoryName(ticket.Category)),
            ("紧急程度", ticket.Intake.Urgency == TicketUrgency.Urgent ? "紧急" : "一般"),
            ("地区", ticket.RegionCode),
            ("主题", ticket.Intake.Subject),
            ("来电人", MaskName(ticket.Intake.CallerName)),
            ("联系电话", ticket.Intake.Phone.Masked),
            ("受理时间", Local(ticket.ReceivedAt)),
            ("办结期限", Local(ticket.ResolutionClock.DueAt)),
        };
        var text = new StringBuilder().AppendLine(lead).AppendLine();
        foreach (var (label, value) in fields)
        {
            text.Append(label).Append('：').AppendLine(value);
        }

        text.AppendLine().AppendLine("请登录工会服务平台查看详情并办理。此邮件由系统自动发送，请勿直接回复。");
        var html = new StringBuilder()
            .Append("<html><body style=\"font-family:sans-serif\"><p>").Append(Encode(lead)).Append("</p><table>");
        foreach (var (label, value) in fields)
        {
            html.Append("<tr><th align=\"left\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
        }

        html.Append("</table><p>请登录工会服务平台查看详情并办理。此邮件由系统自动发送，请勿直接回复。</p></body></html>");
        var key = $"hotline|{ticket.Id}|{entry.Sequence.ToString(CultureInfo.InvariantCulture)}|{entry.Action}|{to}";
        return new EmailMessage(key, to, subject, text.ToString(), html.ToString());
    }

    public static string CategoryName(TicketCategory category) => category switch
    {
        TicketCategory.LegalAid => "法律援助",
        TicketCategory.Rights => "维权",
        TicketCategory.Hardship => "帮扶救助",
        TicketCategory.Consultation => "政策咨询",
        TicketCategory.Suggestion => "意见建议",
        TicketCategory.Complaint => "投诉",
        _ => category.ToString(),
    };

    // Only the family name: the unit sees the full record in the app, not in a mailbox.
    private static string MaskName(string name) => name.Length <= 1 ? name : name[..1] + new string('*', name.Length - 1);

    private static string Local(DateTimeOffset? instant) =>
        instant is { } at ? ChinaStandardTime.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "（暂停计时）";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
