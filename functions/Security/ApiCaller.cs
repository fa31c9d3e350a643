using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Security;

/// <summary>
/// Who called an HTTP function: the API key's id, name, role and scope, or a signed-in App Service principal (its
/// name, its app roles, which may be several, and no scope). Capabilities enforce the unit and region scope themselves
/// (only they know which unit a record belongs to). <see cref="ApiAccessMiddleware"/> stores it in the request's
/// HttpContext; read it with <c>req.HttpContext.GetApiCaller()</c>.
/// </summary>
public sealed record ApiCaller(string KeyId, string Name, ApiRoles Role, string? Unit, string? Region)
{
    /// <summary>True when the key is limited to a unit and it is not this one.</summary>
    public bool IsOutsideUnit(string unit) => Unit is not null && !string.Equals(Unit, unit, StringComparison.Ordinal);

    /// <summary>True when the key is limited to a region and it is not this one.</summary>
    public bool IsOutsideRegion(string region) => Region is not null && !string.Equals(Region, region, StringComparison.Ordinal);
}

public static class ApiCallerHttpContextExtensions
{
    private static readonly object ItemKey = new();

    /// <summary>The authenticated caller, or null for an anonymous function called without a key.</summary>
    public static ApiCaller? GetApiCaller(this HttpContext httpContext) =>
        httpContext.Items.TryGetValue(ItemKey, out var caller) ? caller as ApiCaller : null;

    internal static void SetApiCaller(this HttpContext httpContext, ApiCaller caller) => httpContext.Items[ItemKey] = caller;
}
