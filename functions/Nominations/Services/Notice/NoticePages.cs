using System.Globalization;
using System.Text;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Domain.Review;

namespace Gonghui.Functions.Nominations.Services.Notice;

/// <summary>What the objection form held when it comes back with an error.</summary>
public sealed record ObjectionFormValues(string? NominationId, string? Name, string? Contact, string? Text);

/// <summary>
/// The public notice's pages, in Simplified Chinese and phone-sized: the list with its period and how to object, the
/// objection form, the answer with the reference number, and the friendly refusals. Only what a 公示 shows: never
/// an ID number, birth date, phone or material, nor an objector's contact.
/// </summary>
public static class NoticePages
{
    /// <summary>Shown above the form when its token expired: what was typed comes back with a fresh token.</summary>
    public const string FormExpired = "页面打开时间过长，为保障安全，本次提交未被受理。您填写的内容已保留，请核对后重新提交。";

    private const string Style = """
        <style>
        .entry{background:#fff;border-radius:8px;padding:4px 12px 12px;margin:12px 0}
        .entry h2{font-size:1.1em;margin:.6em 0 .3em}
        .withdrawn h2{text-decoration:line-through;color:#8f959e}
        label{display:block;margin-top:10px}
        input,select{width:100%;box-sizing:border-box;font:inherit;padding:8px;min-height:44px}
        button{background:#1f5fbf;margin-top:12px;width:100%}
        </style>
        """;

    /// <param name="formToken">The form's anti-forgery token (<see cref="ObjectionFormTokens"/>).</param>
    public static string Board(NoticeBoard board, DateTimeOffset now, string formAction, string formToken, string? error = null,
        ObjectionFormValues? values = null)
    {
        var (campaign, notice) = (board.Campaign, board.Notice);
        var html = new StringBuilder(Style);
        html.Append("<h1>").Append(Html.Encode($"{campaign.Name}拟表彰对象公示")).Append("</h1>");
        html.Append(Html.Paragraph($"公示期：{ChinaStandardTime.Format(notice.Period.Starts)} 至 {ChinaStandardTime.Format(notice.Period.Ends)}" +
            string.Create(CultureInfo.InvariantCulture, $"（{campaign.NoticeWorkingDays} 个工作日）"), "note"));
        html.Append(Html.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"经逐级推荐、审核，以下 {board.Entries.Count} 名同志拟授予{campaign.Year} 年度{campaign.Award.ChineseName()}，现予公示，接受社会监督。")));
        foreach (var entry in board.Entries)
        {
            html.Append(entry.WithdrawnOnObjection ? "<section class=\"entry withdrawn\">" : "<section class=\"entry\">");
            html.Append("<h2>").Append(Html.Encode(entry.Name)).Append("</h2>");
            if (entry.WithdrawnOnObjection) html.Append(Html.Paragraph("已撤销（异议成立）：经核查，对该同志的异议属实，已从拟表彰名单中撤销。", "alert"));
            html.Append(Html.Table(
            [
                new SummaryRow("性别", entry.Gender), new SummaryRow("工作单位", entry.Employer), new SummaryRow("职务/职称", entry.JobTitle),
                new SummaryRow("拟授予", entry.Award), new SummaryRow("主要事迹", entry.Summary),
            ]));
            html.Append("</section>");
        }
        html.Append("<h2 id=\"objection\">如何提出异议</h2>");
        if (!notice.Period.AcceptsObjections(now))
        {
            html.Append(Html.Paragraph("公示期已结束，不再受理异议。"));
            return Html.Document($"{campaign.Name}拟表彰对象公示", html.ToString());
        }
        html.Append(Html.Paragraph("公示期间，任何单位和个人均可对公示对象提出异议。请实名填写下表，写明具体事实和线索；" +
            "我们将逐条核查，对异议人的姓名和联系方式严格保密。提交后您会得到一个异议编号，请妥善保存。"));
        html.Append(Html.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"公示期截止：{ChinaStandardTime.Format(notice.Period.Ends)}。"), "note"));
        if (error is not null) html.Append(Html.Paragraph(error, "alert"));
        html.Append("<form method=\"post\" action=\"").Append(Html.Encode(formAction)).Append("\">");
        html.Append("<input type=\"hidden\" name=\"").Append(ObjectionFormTokens.Field).Append("\" value=\"").Append(Html.Encode(formToken)).Append("\">");
        html.Append("<label for=\"nominationId\">异议对象</label><select id=\"nominationId\" name=\"nominationId\" required>");
        foreach (var entry in board.Entries.Where(e => !e.WithdrawnOnObjection))
            html.Append("<option value=\"").Append(Html.Encode(entry.NominationId)).Append('"')
                .Append(entry.NominationId == values?.NominationId ? " selected" : "").Append('>')
                .Append(Html.Encode($"{entry.Name}（{entry.Employer}）")).Append("</option>");
        html.Append("</select>");
        html.Append(Field("name", "您的姓名", "text", values?.Name, ObjectionValidator.MaxNameLength));
        html.Append(Field("contact", "联系方式（手机号码或电子邮箱，仅用于核查联系，不会公开）", "text", values?.Contact, ObjectionValidator.MaxContactLength));
        html.Append("<label for=\"text\">异议内容</label><textarea id=\"text\" name=\"text\" required maxlength=\"")
            .Append(ObjectionValidator.MaxTextLength.ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append(Html.Encode(values?.Text)).Append("</textarea>");
        html.Append("<button type=\"submit\">提交异议</button></form>");
        return Html.Document($"{campaign.Name}拟表彰对象公示", html.ToString());
    }

    public static string Received(NoticeBoard board, string reference, string pagePath) => Html.Document("异议已收到", $"""
        {Style}
        <h1>异议已收到</h1>
        {Html.Paragraph($"您对{board.Campaign.Name}拟表彰对象的异议已收到。", "ok")}
        <p>异议编号：<strong id="reference">{Html.Encode(reference)}</strong></p>
        {Html.Paragraph("请记下此编号。我们将组织核查；核查属实的，将撤销其拟表彰资格并在公示页面上标明。")}
        <p><a href="{Html.Encode(pagePath)}">返回公示页面</a></p>
        """);

    public static string TooMany(ObjectionRateLimit limit, string pagePath) => Html.Document("提交过于频繁", $"""
        {Style}
        <h1>提交过于频繁，请稍后再试</h1>
        {Html.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"为防止滥用，同一网络每小时最多提交 {limit.PerAddressPerHour} 条异议，同一联系方式每天最多提交 {limit.PerContactPerDay} 条。您的提交已达上限，本次未被受理。"), "alert")}
        {Html.Paragraph("如有紧急情况，可拨打 12351 职工服务热线反映。")}
        <p><a href="{Html.Encode(pagePath)}">返回公示页面</a></p>
        """);

    public static string NotFound() => Html.Document("未找到公示", Html.Paragraph("未找到该公示，请核对网址。", "alert"));

    /// <summary>The answer to a form posted from another site, or without the token of a page this app served.</summary>
    public static string CrossSite(string pagePath) => Html.Document("无法提交", $"""
        {Html.Paragraph("请在公示页面上填写并提交异议。", "alert")}
        <p><a href="{Html.Encode(pagePath)}">返回公示页面</a></p>
        """);

    private static string Field(string name, string label, string type, string? value, int maxLength) =>
        $"<label for=\"{name}\">{Html.Encode(label)}</label><input id=\"{name}\" name=\"{name}\" type=\"{type}\" required " +
        $"maxlength=\"{maxLength.ToString(CultureInfo.InvariantCulture)}\" value=\"{Html.Encode(value)}\">";
}
