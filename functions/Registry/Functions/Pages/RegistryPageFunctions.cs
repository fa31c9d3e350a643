using Gonghui.Functions.Http;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Functions;
using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.Security;
using Gonghui.Functions.StaffPages;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Registry.Functions.Pages;

/// <summary>
/// The registry's staff pages under <c>/api/staff/registry</c>, for registry staff (their key's region) and admins:
/// search, a record with its history and the status change, CSV upload (check or import) and CSV export with masked
/// IDs. They call <see cref="RegistryService"/> as the JSON API does; bad input shows the form again with its errors.
/// </summary>
public sealed class RegistryPageFunctions(RegistryService registry)
{
    public const ApiRoles Roles = ApiRoles.Registry | ApiRoles.Admin;
    public const string SearchPath = "/api/staff/registry";
    public const string ImportPath = "/api/staff/registry/import";
    public const string ExportPath = "/api/staff/registry/export";
    private const string Route = "staff/registry";

    public static string RecordPath(string id) => $"{SearchPath}/records/{Uri.EscapeDataString(id)}";

    public static string StatusPath(string id) => RecordPath(id) + "/status";

    [Function("RegistryPageSearch")]
    [StaffPage(Roles)]
    public async Task<IResult> Search([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var session = req.HttpContext.GetStaffSession();
        var form = RegistrySearchForm.From(req.Query);
        var query = RegistryHttp.SearchQuery(req, registry.Awards);
        if (!query.IsValid)
            return Page(StatusCodes.Status400BadRequest, RegistrySearchPage.Render(session, form, query.Errors, null, registry.Awards));
        var found = await registry.SearchAsync(RegistryHttp.Caller(req), query.Value!, cancellationToken);
        return found.Outcome switch
        {
            RegistryOutcome.Ok => Page(StatusCodes.Status200OK, RegistrySearchPage.Render(session, form, [], found.Value, registry.Awards)),
            RegistryOutcome.OutOfScope => Page(StatusCodes.Status403Forbidden,
                RegistrySearchPage.Render(session, form, [new FieldError("region", RegistryErrorCodes.OutOfScope)], null, registry.Awards)),
            _ => Page(StatusCodes.Status400BadRequest, RegistrySearchPage.Render(session, form, found.Errors, null, registry.Awards)),
        };
    }

    [Function("RegistryPageRecord")]
    [StaffPage(Roles)]
    public async Task<IResult> Record([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/records/{id}")] HttpRequest req, string id,
        CancellationToken cancellationToken)
    {
        var found = await registry.GetAsync(RegistryHttp.Caller(req), id, cancellationToken);
        if (found.Outcome != RegistryOutcome.Ok) return Unreachable(req, found.Outcome);
        var notice = req.Query.ContainsKey("statusChanged") ? "状态已更新，已记入变更记录。" : null;
        return Page(StatusCodes.Status200OK, RegistryRecordPage.Render(req.HttpContext.GetStaffSession(), found.Value!, registry.Awards,
            RegistryRecordPage.StatusForm.Empty, [], notice));
    }

    /// <summary>Changes the status under the version the page showed; on success back to the record (so a reload posts nothing).</summary>
    [Function("RegistryPageChangeStatus")]
    [StaffPage(Roles)]
    public async Task<IResult> ChangeStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/records/{id}/status")] HttpRequest req, string id,
        CancellationToken cancellationToken)
    {
        var caller = RegistryHttp.Caller(req);
        var form = await req.ReadFormAsync(cancellationToken);
        var typed = new RegistryRecordPage.StatusForm(form["status"].ToString(), form["effectiveOn"].ToString(), form["reason"].ToString());
        var etag = form["etag"].ToString() is { Length: > 0 } shown ? shown : null;
        var changed = await registry.ChangeStatusAsync(caller, id, etag, new StatusChangeInput(typed.Status, typed.EffectiveOn, typed.Reason), cancellationToken);
        if (changed.Outcome == RegistryOutcome.Ok)
            return Results.Redirect(RecordPath(id) + "?statusChanged=1");
        if (changed.Outcome is not (RegistryOutcome.Invalid or RegistryOutcome.Stale)) return Unreachable(req, changed.Outcome);
        var found = await registry.GetAsync(caller, id, cancellationToken);
        if (found.Outcome != RegistryOutcome.Ok) return Unreachable(req, found.Outcome);
        var session = req.HttpContext.GetStaffSession();
        return changed.Outcome == RegistryOutcome.Stale
            ? Page(StatusCodes.Status409Conflict, RegistryRecordPage.Render(session, found.Value!, registry.Awards, typed, [],
                alert: "您打开页面后，这条记录已被他人修改。请核对下方的最新内容后重新提交。"))
            : Page(StatusCodes.Status400BadRequest, RegistryRecordPage.Render(session, found.Value!, registry.Awards, typed, changed.Errors));
    }

    [Function("RegistryPageImport")]
    [StaffPage(Roles)]
    public async Task<IResult> Import([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Route + "/import")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var session = req.HttpContext.GetStaffSession();
        if (!HttpMethods.IsPost(req.Method)) return Page(StatusCodes.Status200OK, RegistryImportPage.Render(session));
        var form = await req.ReadFormAsync(cancellationToken);
        if (form.Files[RegistryImportPage.FileField] is not { Length: > 0 } file)
            return Page(StatusCodes.Status400BadRequest, RegistryImportPage.Render(session, "请选择要上传的 CSV 文件。"));
        var dryRun = form[RegistryImportPage.ModeField].ToString() != RegistryImportPage.ImportMode;
        await using var csv = file.OpenReadStream();
        var imported = await registry.ImportAsync(RegistryHttp.Caller(req), csv, file.FileName, dryRun, cancellationToken);
        if (imported.Outcome != RegistryOutcome.Ok) return Unreachable(req, imported.Outcome);
        var report = imported.Value!;
        return Page(report.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
            RegistryImportPage.Render(session, fileName: Path.GetFileName(file.FileName), report: report));
    }

    /// <summary>The records the search filters find, as the CSV template with national IDs and phones masked.</summary>
    [Function("RegistryPageExport")]
    [StaffPage(Roles)]
    public async Task<IResult> Export([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/export")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var query = RegistryHttp.SearchQuery(req, registry.Awards);
        if (!query.IsValid)
            return Page(StatusCodes.Status400BadRequest, RegistrySearchPage.Render(req.HttpContext.GetStaffSession(), RegistrySearchForm.From(req.Query),
                query.Errors, null, registry.Awards));
        var csv = new MemoryStream();
        var exported = await registry.ExportAsync(RegistryHttp.Caller(req), query.Value!, revealIds: false, Guid.NewGuid().ToString("N"), csv, cancellationToken);
        return exported.Outcome == RegistryOutcome.Ok ? RegistryHttp.CsvDownload(csv.ToArray()) : Unreachable(req, exported.Outcome);
    }

    /// <summary>A record or region the caller cannot reach: not found, or outside their key's region.</summary>
    private static HtmlPage Unreachable(HttpRequest req, RegistryOutcome outcome)
    {
        var (status, title, message) = outcome switch
        {
            RegistryOutcome.NotFound => (StatusCodes.Status404NotFound, "记录不存在", "没有这条劳模档案记录。"),
            RegistryOutcome.OutOfScope => (StatusCodes.Status403Forbidden, "无权查看", "这条记录不在您所辖地区内。"),
            _ => throw new InvalidOperationException($"Unexpected registry outcome {outcome}."),
        };
        return Page(status, StaffPageLayout.Document(title, req.HttpContext.GetStaffSession(),
            $"<h1>{title}</h1><p class=\"alert\">{message}</p><p><a href=\"{SearchPath}\">返回搜索</a></p>"));
    }

    private static HtmlPage Page(int status, string html) => new(status, html);
}
