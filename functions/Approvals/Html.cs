using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Gonghui.Functions.Approvals;

/// <summary>
/// HTML building for pages and e-mails: every piece of data goes through <see cref="Encode"/>
/// (Chinese stays readable, markup characters and quotes are escaped), and one mobile-friendly
/// layout without scripts or external resources.
/// </summary>
internal static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    /// <summary>The page; <paramref name="style"/> adds rules after the common ones (later rules win).</summary>
    public static string Document(string title, string body, string style = "") => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="same-origin">
        <meta name="robots" content="noindex, nofollow">
        <title>{{Encode(title)}}</title>
        <style>
        body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f4f5f7;color:#1f2329;line-height:1.6}
        main{max-width:640px;margin:0 auto;padding:16px}
        h1{font-size:1.3em;margin:.4em 0}
        table{width:100%;border-collapse:collapse;background:#fff}
        th,td{text-align:left;vertical-align:top;padding:8px;border-bottom:1px solid #e5e6eb;word-break:break-word}
        td{white-space:pre-wrap}
        th{width:32%;color:#646a73;font-weight:normal}
        .note{color:#646a73;font-size:.9em}
        .alert{background:#fff3f0;border:1px solid #f5c2b8;padding:12px;border-radius:6px}
        .ok{background:#f0faf3;border:1px solid #b7e3c3;padding:12px;border-radius:6px}
        textarea{width:100%;box-sizing:border-box;min-height:6em;font:inherit;padding:8px}
        .actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
        button,.button{flex:1 1 30%;min-height:44px;border:0;border-radius:6px;font:inherit;color:#fff;cursor:pointer;text-align:center;text-decoration:none;padding:10px}
        .approve{background:#1f7a3a}.reject{background:#b42318}.return{background:#8a6100}.button{display:inline-block;background:#1f5fbf}
        {{style}}
        </style>
        </head>
        <body><main>
        {{body}}
        </main></body>
        </html>
        """;

    public static string Table(IEnumerable<SummaryRow> rows)
    {
        var html = new StringBuilder("<table>");
        foreach (var row in rows)
            html.Append("<tr><th scope=\"row\">").Append(Encode(row.Label)).Append("</th><td>")
                .Append(Encode(row.Value)).Append("</td></tr>");
        return html.Append("</table>").ToString();
    }

    public static string Paragraph(string text, string? cssClass = null) =>
        cssClass is null ? $"<p>{Encode(text)}</p>" : $"<p class=\"{cssClass}\">{Encode(text)}</p>";
}
