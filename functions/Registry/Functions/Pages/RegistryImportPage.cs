using System.Globalization;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Registry.Import;
using Gonghui.Functions.StaffPages;

namespace Gonghui.Functions.Registry.Functions.Pages;

/// <summary>
/// The CSV upload page: the file input with 检查文件 (a dry run, nothing written) and 导入 (written only when every row is
/// good), then the report: every bad row as a table (行号, 列, 错误代码, 说明), or what would be or was written, with
/// the file's records.
/// </summary>
public static class RegistryImportPage
{
    public const string FileField = "file";
    public const string ModeField = "mode";
    public const string CheckMode = "check";
    public const string ImportMode = "import";

    /// <summary>A file may hold thousands of people; the page lists the first ones.</summary>
    private const int ListedRecords = 200;

    public static string Render(StaffSession session, string? fileError = null, string? fileName = null, ImportReport? report = null)
    {
        var body = $"""
            <p><a href="{RegistryPageFunctions.SearchPath}">← 返回搜索</a></p>
            <h1>上传劳模档案 CSV</h1>
            {(report is null ? "" : Report(fileName ?? "", report))}
            <form method="post" action="{RegistryPageFunctions.ImportPath}" enctype="multipart/form-data" class="fields">
            {StaffFormControls.TokenField(session)}
            {StaffFormControls.Field(FileField, "CSV 文件（导入模板格式，UTF-8 或 GB18030 编码）",
                $"""<input id="{FileField}" name="{FileField}" type="file" accept=".csv,text/csv">""", fileError is null ? [] : [fileError], "wide")}
            <div class="actions wide">
            <button type="submit" class="secondary" name="{ModeField}" value="{CheckMode}">检查文件（不写入）</button>
            <button type="submit" class="primary" name="{ModeField}" value="{ImportMode}">导入</button>
            </div>
            </form>
            {Html.Paragraph("列：姓名、性别、出生日期、身份证号、荣誉称号、获得年份、授予机关、获奖时工作单位、现工作单位、职务、地区代码、状态、状态日期、状态原因、联系电话；每人每项荣誉一行。文件中只要有一行有误，就不会写入任何记录。", "note")}
            """;
        return StaffPageLayout.Document("上传 CSV", session, body);
    }

    private static string Report(string fileName, ImportReport report)
    {
        var file = $"文件“{fileName}”";
        if (report.Errors.Count > 0)
        {
            var rows = StaffPageLayout.ListTable(["行号", "列", "错误代码", "说明"], report.Errors.Select(e => (IReadOnlyList<string>)
            [
                e.Row == 0 ? "整个文件" : e.Row.ToString(CultureInfo.InvariantCulture), Html.Encode(e.Column), Html.Encode(e.Code),
                Html.Encode(RegistryPageText.Error(e.Code)),
            ]));
            return Html.Paragraph($"{file}有 {report.Errors.Count} 处错误，未写入任何记录。请在表格中改正后重新上传。", "alert") + rows;
        }
        var counts = $"共 {report.Rows} 行、{report.People} 人";
        var summary = report.Written
            ? Html.Paragraph($"导入完成：{file}{counts}，新增 {report.Created} 条、更新 {report.Updated} 条、未变 {report.Unchanged} 条。", "ok")
            : Html.Paragraph($"检查通过：{file}{counts}，导入将新增 {report.Created} 条、更新 {report.Updated} 条、未变 {report.Unchanged} 条。尚未写入；确认无误后请选择同一文件并点击“导入”。", "ok");
        var records = StaffPageLayout.ListTable(["姓名", "身份证号", "地区代码"], report.Records.Take(ListedRecords).Select(r => (IReadOnlyList<string>)
        [
            report.Written ? $"<a href=\"{RegistryPageFunctions.RecordPath(r.RecordId)}\">{Html.Encode(r.Name)}</a>" : Html.Encode(r.Name),
            Html.Encode(r.MaskedNationalId), Html.Encode(r.Region),
        ]));
        var more = report.Records.Count > ListedRecords ? Html.Paragraph($"仅列出前 {ListedRecords} 人。", "note") : "";
        return summary + records + more;
    }
}
