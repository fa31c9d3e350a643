using Gonghui.Functions.Approvals;
using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.StaffPages;

/// <summary>
/// <c>GET/POST /api/staff/sign-in</c>: the 员工登录 form; an API key that exists and is not revoked signs its holder in
/// (session cookie, see <see cref="StaffSessions"/>) and goes back to the page they asked for. <c>POST
/// /api/staff/sign-out</c> ends the session. Behind App Service authentication staff are signed in by App Service and
/// never see this form.
/// </summary>
public sealed class StaffSignInFunctions(StaffSessions sessions, StaffPagesSettings settings, ILogger<StaffSignInFunctions> logger)
{
    public const string Path = "/api/staff/sign-in";
    public const string SignOutPath = "/api/staff/sign-out";
    private const string KeyField = "key";
    private const string ReturnField = "returnUrl";

    /// <summary>The sign-in page, returning to <paramref name="returnUrl"/> (a staff page's path and query) afterwards.</summary>
    public static string PathFor(string? returnUrl) =>
        returnUrl is null ? Path : $"{Path}?{ReturnField}={Uri.EscapeDataString(returnUrl)}";

    [Function("StaffSignIn")]
    [PublicAccess]
    public async Task<IResult> SignIn([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "staff/sign-in")] HttpRequest req)
    {
        if (!HttpMethods.IsPost(req.Method))
            return Form(StatusCodes.Status200OK, SafeReturn(req.Query[ReturnField]), null, req.Query.ContainsKey("signedOut") ? "您已退出登录。" : null);
        // No session exists yet to bind a form token to; the same-site check keeps other sites from signing a browser in.
        if (await CrossSiteRequest.ReadSameSiteFormAsync(req, settings.PublicBaseUrl, req.HttpContext.RequestAborted) is not { } form)
            return new HtmlPage(StatusCodes.Status403Forbidden, StaffPageLayout.Message("无法提交", "提交未通过安全校验。请重新打开登录页面后再登录。"));
        var returnUrl = SafeReturn(form[ReturnField]);
        var secret = form[KeyField].ToString().Trim();
        if (secret.Length == 0)
            return Form(StatusCodes.Status400BadRequest, returnUrl, "请输入访问密钥。", null);
        var key = await sessions.SignInAsync(req.HttpContext, secret);
        if (key is null)
        {
            logger.LogWarning("Staff sign-in refused: unknown or revoked key");
            return Form(StatusCodes.Status401Unauthorized, returnUrl, "访问密钥无效或已停用，请检查后重新输入。", null);
        }
        logger.LogInformation("Staff sign-in with key {KeyId}", key.Id);
        return Results.Redirect(returnUrl);
    }

    [Function("StaffSignOut")]
    [StaffPage(StaffPageGate.AnyRole)]
    public IResult SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/sign-out")] HttpRequest req)
    {
        sessions.SignOut(req.HttpContext);
        return Results.Redirect(Path + "?signedOut=1");
    }

    /// <summary>Only a staff page of this app: anything else (another site, a protocol-relative "//host") lands on the home page.</summary>
    private static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/api/staff", StringComparison.Ordinal) && !url.StartsWith(Path, StringComparison.Ordinal)
        && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : StaffHomeFunction.Path;

    private static HtmlPage Form(int status, string returnUrl, string? error, string? notice) => new(status, StaffPageLayout.PublicDocument("员工登录", $"""
        <h1>员工登录</h1>
        {(notice is null ? "" : Html.Paragraph(notice, "ok"))}
        <form method="post" action="{Path}" class="fields">
        <input type="hidden" name="{ReturnField}" value="{Html.Encode(returnUrl)}">
        {StaffFormControls.Field("key", "访问密钥", $"""<input id="key" name="{KeyField}" type="password" autocomplete="current-password" required>""", error is null ? [] : [error], "wide")}
        <div class="actions wide"><button type="submit" class="primary">登录</button></div>
        </form>
        {Html.Paragraph($"访问密钥由系统管理员发放，请勿转借他人。登录状态保持 {StaffPagesSettings.SessionLifetime.TotalHours} 小时；在公用电脑上使用后请退出登录。", "note")}
        """));
}
