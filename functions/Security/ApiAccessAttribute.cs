namespace Gonghui.Functions.Security;

/// <summary>
/// An HTTP function callable with an API key (or, behind App Service authentication, a principal) of one of these
/// roles. Every HTTP function carries this or <see cref="PublicAccessAttribute"/>; <see cref="ApiAccessMiddleware"/>
/// enforces it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ApiAccessAttribute(ApiRoles roles) : Attribute
{
    public ApiRoles Roles { get; } = roles;
}
