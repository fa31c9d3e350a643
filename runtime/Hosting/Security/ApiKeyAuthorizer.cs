using Gonghui.Hosting.Http;
using Gonghui.Hosting.Triggers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Hosting.Security;

/// <summary>
/// Checks the API key a request carries (header <c>x-functions-key</c> or query <c>code</c>, as Azure Functions)
/// against the roles an endpoint admits: 401 without a valid, unrevoked key, 403 with a key of another role.
/// On success the caller is available through <see cref="ApiCallerHttpContextExtensions.GetApiCaller"/>.
/// </summary>
public sealed class ApiKeyAuthorizer(ApiKeyStore keys)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    /// <summary>Null when the request may go on; otherwise the problem to answer.</summary>
    public async Task<Problem?> AuthorizeAsync(HttpContext httpContext, ApiRoles admitted)
    {
        var secret = SecretOf(httpContext.Request);
        if (secret is null)
            return Problems.Unauthorized("key-required",
                $"Send an API key in the {HeaderName} header (or the {QueryName} query parameter).");
        var key = await keys.FindForRequestAsync(secret, httpContext.RequestAborted);
        if (key is null || key.IsRevoked)
            return Problems.Unauthorized("key-invalid", "The API key is unknown or revoked.");
        if ((admitted & key.Role) == 0)
            return Problems.Forbidden("role-not-allowed",
                $"This function admits the roles {ApiRoleNames.Describe(admitted)}; the key has the role {ApiRoleNames.Name(key.Role)}.");
        httpContext.SetApiCaller(key.ToCaller());
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

public static class ApiKeyEndpointExtensions
{
    /// <summary>Puts the API key check in front of an endpoint an extension maps itself (e.g. a management API).</summary>
    public static TBuilder RequireApiRoles<TBuilder>(this TBuilder builder, ApiRoles admitted) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var authorizer = context.HttpContext.RequestServices.GetRequiredService<ApiKeyAuthorizer>();
            return await authorizer.AuthorizeAsync(context.HttpContext, admitted) ?? await next(context);
        });
}
