using System.Text;
using Gonghui.Functions.Approvals;

namespace Gonghui.Functions.StaffPages;

/// <summary>
/// The frame of every staff page, in Simplified Chinese: a header with the app's name, who is signed in and the
/// sign-out button, then the page. One stylesheet for a 390 px phone and an office screen: forms wrap into columns as
/// width allows, and list tables become one card per row on a phone (each cell labelled by its column), so nothing
/// scrolls sideways. No scripts.
/// </summary>
public static class StaffPageLayout
{
    public const string AppName = "工会业务系统";

    private const string Style = """
        main{max-width:1100px}
        .bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px 16px;border-bottom:1px solid #e5e6eb;padding-bottom:8px}
        .bar a{color:#1f5fbf;text-decoration:none;font-weight:bold}
        .bar form,.bar .who{display:flex;align-items:center;gap:8px;margin:0}
        .bar button{flex:none;min-height:36px;padding:4px 12px;background:#646a73}
        a{color:#1f5fbf}
        .fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:10px;background:#fff;padding:12px;border-radius:6px}
        .fields .wide{grid-column:1/-1}
        label{display:block;font-size:.9em;color:#646a73;margin-bottom:2px}
        input,select{width:100%;box-sizing:border-box;min-height:40px;font:inherit;padding:6px 8px;border:1px solid #c9cdd4;border-radius:4px;background:#fff}
        input[type=file]{padding:6px 0;border:0;background:none}
        .error{color:#b42318;font-size:.9em;margin:2px 0 0}
        .primary{background:#1f5fbf}.secondary{background:#646a73}
        .actions button,.actions .button{flex:0 1 auto;min-width:8em;box-sizing:border-box}
        .actions .button{display:inline-flex;align-items:center;justify-content:center}
        table.list{margin:8px 0}
        table.list th{width:auto;background:#fafbfc}
        table.list td{white-space:normal}
        h2{font-size:1.1em;margin:1.2em 0 .4em}
        .pager{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;margin:8px 0}
        @media (max-width:640px){
        table.list thead{display:none}
        table.list tr{display:block;border-bottom:2px solid #e5e6eb;padding:4px 0}
        table.list td{display:flex;gap:8px;border:0;padding:3px 8px}
        table.list td::before{content:attr(data-label);flex:0 0 5.5em;color:#646a73}
        }
        """;

    /// <summary>A page for a signed-in member of staff.</summary>
    public static string Document(string title, StaffSession session, string body)
    {
        var signOut = session.SignedInWithKey
            ? $"""<form method="post" action="{StaffSignInFunctions.SignOutPath}">{StaffFormControls.TokenField(session)}<span>{Html.Encode(session.Caller.Name)}</span><button type="submit">退出登录</button></form>"""
            : $"""<div class="who"><span>{Html.Encode(session.Caller.Name)}</span><a href="/.auth/logout">退出登录</a></div>""";
        return Html.Document($"{title} - {AppName}",
            $"""<div class="bar"><a href="{StaffHomeFunction.Path}">{AppName}</a>{signOut}</div>{body}""", Style);
    }

    /// <summary>A page for a visitor who is not signed in (the sign-in page, refusals).</summary>
    public static string PublicDocument(string title, string body) =>
        Html.Document($"{title} - {AppName}", $"""<div class="bar"><span>{AppName}</span></div>{body}""", Style);

    /// <summary>A table of rows under column headers; <paramref name="rows"/> hold HTML (encode data with <see cref="Html.Encode"/>).</summary>
    public static string ListTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder("<table class=\"list\"><thead><tr>");
        foreach (var header in headers) html.Append("<th scope=\"col\">").Append(Html.Encode(header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                html.Append("<td data-label=\"").Append(Html.Encode(headers[i])).Append("\">").Append(row[i]).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>A page that only says something (refusals, not found).</summary>
    public static string Message(string title, string message) =>
        PublicDocument(title, $"<h1>{Html.Encode(title)}</h1>{Html.Paragraph(message, "alert")}<p><a href=\"{StaffHomeFunction.Path}\">返回首页</a></p>");
}
