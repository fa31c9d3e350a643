using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.StaffPages;

/// <summary>
/// Admits a request to a <see cref="StaffPageAttribute"/> function: a visitor who is not signed in is sent to sign in
/// (and back to a page they asked for), a member of staff without the page's roles sees a refusal, and a POST must be
/// same-site (<see cref="CrossSiteRequest"/>) and carry the session's form token. The session cookie is the
/// credential, so every change needs that token: another site can make a browser post but cannot read the token.
/// </summary>
public sealed class StaffPageGate(StaffSessions sessions, StaffPagesSettings settings, ILogger<StaffPageGate> logger)
{
    public const string FormTokenField = "_form";

    /// <summary>Every role: a page open to any member of staff (the home page, signing out).</summary>
    public const ApiRoles AnyRole = ApiRoles.Operator | ApiRoles.Handler | ApiRoles.Supervisor | ApiRoles.Approver | ApiRoles.Admin | ApiRoles.Registry;

    /// <summary>Null when the page may run (its session then in <see cref="StaffSessionHttpContextExtensions.GetStaffSession"/>); otherwise the answer.</summary>
    public async Task<IResult?> AdmitAsync(HttpContext httpContext, ApiRoles roles)
    {
        var request = httpContext.Request;
        var session = await sessions.AuthenticateAsync(httpContext);
        if (session is null)
            return Results.Redirect(StaffSignInFunctions.PathFor(HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : null));
        if ((roles & session.Caller.Role) == 0)
            return new HtmlPage(StatusCodes.Status403Forbidden, StaffPageLayout.Message("无权访问", "您的账号无权使用此页面。如需使用，请联系系统管理员。"));
        if (HttpMethods.IsPost(request.Method) && !await IsOwnFormAsync(request, session))
        {
            logger.LogWarning("Staff page POST {Path} by {KeyId} refused: cross-site or without its form token", request.Path, session.Caller.KeyId);
            return new HtmlPage(StatusCodes.Status403Forbidden, StaffPageLayout.Message("无法提交",
                "提交未通过安全校验（页面已过期或并非从本系统页面提交）。请返回页面刷新后重新提交。"));
        }
        httpContext.SetApiCaller(session.Caller);
        httpContext.SetStaffSession(session);
        return null;
    }

    private async Task<bool> IsOwnFormAsync(HttpRequest request, StaffSession session)
    {
        try
        {
            return await CrossSiteRequest.ReadSameSiteFormAsync(request, settings.PublicBaseUrl, request.HttpContext.RequestAborted) is { } form
                && settings.Signer.IsFormTokenFor(session.SessionId, form[FormTokenField].ToString());
        }
        catch (InvalidDataException)
        {
            return false; // a form body that does not parse (or exceeds the form limits) is not one of our forms
        }
    }
}
