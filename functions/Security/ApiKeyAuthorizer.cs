using Gonghui.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Security;

/// <summary>
/// Checks who calls an HTTP function against the roles it admits. An API key (header <c>x-functions-key</c> or query
/// <c>code</c>, as Azure Functions) is looked up: 401 without a valid, unrevoked key, 403 with a key of another role.
/// Without a key, and only when <paramref name="trustAppServicePrincipal"/> (setting
/// <see cref="AppServiceAuthenticationSetting"/>, for an app behind App Service authentication), the signed-in
/// <see cref="AppServicePrincipal"/> is admitted by its app roles; otherwise its header is ignored.
/// On success the caller is available through <see cref="ApiCallerHttpContextExtensions.GetApiCaller"/>.
/// </summary>
public sealed class ApiKeyAuthorizer(ApiKeyStore keys, bool trustAppServicePrincipal = false)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";
    public const string AppServiceAuthenticationSetting = "Gonghui:Auth:AppServiceAuthentication";

    /// <summary>Null when the request may go on; otherwise the problem to answer.</summary>
    public async Task<Problem?> AuthorizeAsync(HttpContext httpContext, ApiRoles admitted)
    {
        var secret = SecretOf(httpContext.Request);
        if (secret is null)
        {
            if (trustAppServicePrincipal && httpContext.Request.Headers[AppServicePrincipal.HeaderName].ToString() is { Length: > 0 } principal)
                return AuthorizePrincipal(httpContext, principal, admitted);
            return Problems.Unauthorized("key_required",
                $"Send an API key in the {HeaderName} header (or the {QueryName} query parameter).");
        }
        var key = await keys.FindForRequestAsync(secret, httpContext.RequestAborted);
        if (key is null || key.IsRevoked)
            return Problems.Unauthorized("key_invalid", "The API key is unknown or revoked.");
        if ((admitted & key.Role) == 0)
            return Problems.Forbidden("role_not_allowed",
                $"This function admits the roles {ApiRoleNames.Describe(admitted)}; the key has the role {ApiRoleNames.Name(key.Role)}.");
        httpContext.SetApiCaller(key.ToCaller());
        return null;
    }

    private static Problem? AuthorizePrincipal(HttpContext httpContext, string header, ApiRoles admitted)
    {
        if (AppServicePrincipal.Decode(header) is not { } principal)
            return Problems.Unauthorized("principal_invalid", $"The {AppServicePrincipal.HeaderName} header is not a readable principal.");
        if ((admitted & principal.AppRoles) == 0)
            return Problems.Forbidden("role_not_allowed",
                $"This function admits the roles {ApiRoleNames.Describe(admitted)}; the signed-in user has the app roles " +
                $"{(principal.AppRoles == ApiRoles.None ? "(none)" : ApiRoleNames.Describe(principal.AppRoles))}.");
        httpContext.SetApiCaller(principal.ToCaller());
        return null;
    }

    private static string? SecretOf(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString();
        if (header.Length > 0)
            return header;
        var query = request.Query[QueryName].ToString();
        return query.Length > 0 ? query : null;
    }
}
