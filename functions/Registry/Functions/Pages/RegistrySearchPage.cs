using Gonghui.Functions.Approvals;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Stores;
using Gonghui.Functions.StaffPages;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Registry.Functions.Pages;

/// <summary>
/// The registry's search page: filters (name exact or by its start, region, award, year, status), one page of results
/// (national IDs and phones masked, each name a link to its record), the next page, the export of everything the
/// filters find, and the way to the CSV upload.
/// </summary>
public static class RegistrySearchPage
{
    public static string Render(StaffSession session, RegistrySearchForm form, IReadOnlyList<FieldError> errors, SearchPage? results, AwardCatalog awards)
    {
        IEnumerable<string> ErrorsOf(string field) => errors.Where(e => e.Field == field).Select(e => RegistryPageText.Error(e.Code));
        var scope = session.Caller.Region is { } region ? $"您可查看地区代码 {region} 所辖的记录。" : "您可查看全部地区的记录。";
        var body = $"""
            <h1>劳模档案</h1>
            {Html.Paragraph(scope, "note")}
            <form method="get" action="{RegistryPageFunctions.SearchPath}" class="fields">
            {StaffFormControls.Field("name", "姓名", StaffFormControls.Input("name", form.Name, 50), ErrorsOf("name"))}
            {StaffFormControls.Field("nameMatch", "姓名匹配", StaffFormControls.Select("nameMatch", form.NameMatch, [("exact", "完全一致"), ("prefix", "开头一致")]), ErrorsOf("nameMatch"))}
            {StaffFormControls.Field("region", "地区代码", StaffFormControls.Input("region", form.Region, 6, inputMode: "numeric"), ErrorsOf("region"))}
            {StaffFormControls.Field("award", "荣誉称号", StaffFormControls.Select("award", form.Award, [("", "全部"), .. awards.Kinds.Select(k => (k.Code, k.Name))]), ErrorsOf("award"))}
            {StaffFormControls.Field("year", "获得年份", StaffFormControls.Input("year", form.Year, 4, inputMode: "numeric"), ErrorsOf("year"))}
            {StaffFormControls.Field("status", "状态", StaffFormControls.Select("status", form.Status,
                [("", "全部"), .. Enum.GetValues<RecordStatus>().Select(s => (RecordChanges.Wire(s), RegistryPageText.Status(s)))]), ErrorsOf("status"))}
            {string.Concat(ErrorsOf("continuation").Select(e => Html.Paragraph(e, "error wide")))}
            <div class="actions wide"><button type="submit" class="primary">搜索</button>
            <a class="button secondary" href="{RegistryPageFunctions.ExportPath}{Query(form.Filters())}">导出 CSV</a>
            <a class="button secondary" href="{RegistryPageFunctions.ImportPath}">上传 CSV</a></div>
            </form>
            {(results is null ? "" : Results(form, results, awards))}
            """;
        return StaffPageLayout.Document("劳模档案", session, body);
    }

    private static string Results(RegistrySearchForm form, SearchPage results, AwardCatalog awards)
    {
        if (results.Items.Count == 0)
            return Html.Paragraph(form.Continuation.Length > 0 ? "没有更多记录了。" : "没有找到符合条件的记录。", "note");
        var table = StaffPageLayout.ListTable(["姓名", "身份证号", "地区代码", "荣誉称号", "现工作单位", "联系电话", "状态"],
            results.Items.Select(r => (IReadOnlyList<string>)
            [
                $"<a href=\"{RegistryPageFunctions.RecordPath(r.RecordId)}\">{Html.Encode(r.Name)}</a>",
                Html.Encode(r.MaskedNationalId),
                Html.Encode(r.Region),
                Html.Encode(string.Join("；", r.Awards.Select(a => $"{RegistryPageText.Award(a.Kind, awards)}（{a.Year}）"))),
                Html.Encode(r.CurrentEmployer),
                Html.Encode(r.MaskedPhone ?? ""),
                Html.Encode(RegistryPageText.Status(r.Status)),
            ]));
        var first = form.Continuation.Length > 0 ? $"<a href=\"{RegistryPageFunctions.SearchPath}{Query(form.Filters())}\">回到第一页</a>" : "<span></span>";
        var next = results.Next is { } position
            ? $"<a href=\"{RegistryPageFunctions.SearchPath}?{Html.Encode(form.NextPage(position.ToToken()))}\">下一页</a>"
            : "<span>已是最后一页</span>";
        return $"""<h2>本页 {results.Items.Count} 条</h2>{table}<div class="pager">{first}{next}</div>""";
    }

    private static string Query(string filters) => filters.Length > 0 ? "?" + Html.Encode(filters) : "";
}
