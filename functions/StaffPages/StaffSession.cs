using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.StaffPages;

/// <summary>
/// A signed-in member of staff on a page: who (as the API sees callers), the session id their forms' token is bound to,
/// and whether they signed in with a key here (then they sign out here) or through App Service authentication.
/// </summary>
public sealed record StaffSession(ApiCaller Caller, string SessionId, bool SignedInWithKey, string FormToken);

public static class StaffSessionHttpContextExtensions
{
    private static readonly object ItemKey = new();

    /// <summary>The session <see cref="StaffPageGate"/> admitted; every [StaffPage] function has one.</summary>
    public static StaffSession GetStaffSession(this HttpContext httpContext) =>
        httpContext.Items.TryGetValue(ItemKey, out var session) && session is StaffSession staff
            ? staff
            : throw new InvalidOperationException("No staff session: the function is not a [StaffPage] or the gate did not run.");

    internal static void SetStaffSession(this HttpContext httpContext, StaffSession session) => httpContext.Items[ItemKey] = session;
}
