using System.Globalization;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.StaffPages;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Registry.Functions.Pages;

/// <summary>
/// One record's page: its details (national ID and phone masked), its awards, every change (who, when, what, why),
/// every reveal of the full national ID, and the status change form (status, date, reason), which sends the version
/// shown so that a change made meanwhile by someone else is not overwritten unseen.
/// </summary>
public static class RegistryRecordPage
{
    /// <summary>The status form as typed, shown again with its errors.</summary>
    public sealed record StatusForm(string Status, string EffectiveOn, string Reason)
    {
        public static StatusForm Empty { get; } = new("", "", "");
    }

    public static string Render(StaffSession session, RecordWithHistory found, AwardCatalog awards, StatusForm form, IReadOnlyList<FieldError> errors,
        string? notice = null, string? alert = null)
    {
        var record = found.Record;
        IEnumerable<string> ErrorsOf(string field) => errors.Where(e => e.Field == field).Select(e => RegistryPageText.Error(e.Code));
        var details = Html.Table(
        [
            new SummaryRow("姓名", record.Name),
            new SummaryRow("性别", RegistryPageText.Gender(record.Gender)),
            new SummaryRow("出生日期", Date(record.BirthDate)),
            new SummaryRow("身份证号", record.MaskedNationalId),
            new SummaryRow("地区代码", record.Region),
            new SummaryRow("现工作单位", record.CurrentEmployer),
            new SummaryRow("职务", record.JobTitle ?? ""),
            new SummaryRow("联系电话", PhoneNumber.Mask(record.Phone) ?? ""),
            new SummaryRow("状态", Standing(record.Standing)),
            new SummaryRow("最后更新", ChinaStandardTime.Format(record.UpdatedAt)),
        ]);
        var awardTable = StaffPageLayout.ListTable(["荣誉称号", "获得年份", "授予机关", "获奖时工作单位"],
            record.Awards.Select(a => (IReadOnlyList<string>)
            [
                Html.Encode(RegistryPageText.Award(a.Kind, awards)), a.Year.ToString(CultureInfo.InvariantCulture), Html.Encode(a.AwardingBody),
                Html.Encode(a.EmployerAtAward),
            ]));
        var history = StaffPageLayout.ListTable(["时间", "操作人", "操作", "变更内容", "原因"],
            found.History.Reverse().Select(h => (IReadOnlyList<string>)
            [
                Html.Encode(ChinaStandardTime.Format(h.At)), Html.Encode(h.ActorName), Html.Encode(RegistryPageText.Action(h.Action)),
                string.Join("<br>", h.Changes.Select(c => Html.Encode(
                    $"{RegistryPageText.Field(c.Field, awards)}：{RegistryPageText.ChangeValue(c.Field, c.Before)} → {RegistryPageText.ChangeValue(c.Field, c.After)}"))),
                Html.Encode(h.Reason ?? ""),
            ]));
        var reveals = found.Reveals.Count == 0
            ? Html.Paragraph("无人查看过完整身份证号码。", "note")
            : StaffPageLayout.ListTable(["时间", "查看人", "方式"], found.Reveals.Select(r => (IReadOnlyList<string>)
                [Html.Encode(ChinaStandardTime.Format(r.At)), Html.Encode(r.ActorName), Html.Encode(r.Purpose == Stores.RevealAuditStore.Export ? "导出" : "查看")]));
        var statuses = Enum.GetValues<RecordStatus>().Select(s => (RecordChanges.Wire(s), RegistryPageText.Status(s)));
        var body = $"""
            <p><a href="{RegistryPageFunctions.SearchPath}">← 返回搜索</a></p>
            <h1>{Html.Encode(record.Name)}</h1>
            {(notice is null ? "" : Html.Paragraph(notice, "ok"))}
            {(alert is null ? "" : Html.Paragraph(alert, "alert"))}
            {details}
            <h2>荣誉称号</h2>
            {awardTable}
            <h2>变更状态</h2>
            <form method="post" action="{RegistryPageFunctions.StatusPath(record.Id)}" class="fields">
            {StaffFormControls.TokenField(session)}
            <input type="hidden" name="etag" value="{Html.Encode(record.ETag)}">
            {StaffFormControls.Field("status", "新状态", StaffFormControls.Select("status", form.Status, [("", "请选择"), .. statuses]), ErrorsOf("status"))}
            {StaffFormControls.Field("effectiveOn", "生效日期（撤销、已故必填）", StaffFormControls.Input("effectiveOn", form.EffectiveOn, 10, type: "date"), ErrorsOf("effectiveOn"))}
            {StaffFormControls.Field("reason", "原因", StaffFormControls.TextArea("reason", form.Reason, StatusRules.MaxReasonLength), ErrorsOf("reason"), "wide")}
            <div class="actions wide"><button type="submit" class="primary">保存状态</button></div>
            </form>
            <h2>变更记录</h2>
            {history}
            <h2>身份证号码查看记录</h2>
            {reveals}
            """;
        return StaffPageLayout.Document(record.Name, session, body);
    }

    private static string Standing(RecordStanding standing) =>
        RegistryPageText.Status(standing.Status)
        + (standing.EffectiveOn is { } on ? $"（{Date(on)} 起）" : "")
        + (standing.Reason is { Length: > 0 } reason ? $"：{reason}" : "");

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
