using Gonghui.Functions.Security;

namespace Gonghui.Functions.StaffPages;

/// <summary>
/// A server-rendered staff page for a signed-in member of staff (session cookie from the sign-in page, or App Service
/// authentication) whose key or principal has one of these roles. <see cref="ApiAccessMiddleware"/> enforces it through
/// <see cref="StaffPageGate"/>: an unsigned visitor is sent to sign in, every POST must be same-site and carry the
/// session's form token. API keys in headers do not open pages, and the session cookie opens no JSON API.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StaffPageAttribute(ApiRoles roles) : Attribute
{
    public ApiRoles Roles { get; } = roles;
}
