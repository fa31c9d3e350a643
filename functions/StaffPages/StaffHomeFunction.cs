using Gonghui.Functions.Approvals;
using Gonghui.Functions.Http;
using Gonghui.Functions.Registry.Functions.Pages;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.StaffPages;

/// <summary><c>GET /api/staff</c>: where sign-in lands, listing the staff pages the signed-in role may open.</summary>
public sealed class StaffHomeFunction
{
    public const string Path = "/api/staff";

    private static readonly (string Title, string Path, ApiRoles Roles)[] Sections =
    [
        ("劳模档案", RegistryPageFunctions.SearchPath, RegistryPageFunctions.Roles),
    ];

    [Function("StaffHome")]
    [StaffPage(StaffPageGate.AnyRole)]
    public static IResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff")] HttpRequest req)
    {
        var session = req.HttpContext.GetStaffSession();
        var open = Sections.Where(s => (s.Roles & session.Caller.Role) != 0).ToList();
        var links = open.Count == 0
            ? Html.Paragraph("您的账号暂无可用的员工页面。", "note")
            : "<ul>" + string.Concat(open.Select(s => $"<li><a href=\"{s.Path}\">{Html.Encode(s.Title)}</a></li>")) + "</ul>";
        return new HtmlPage(StatusCodes.Status200OK, StaffPageLayout.Document("首页", session, $"<h1>员工页面</h1>{links}"));
    }
}
