
namespace Gonghui.Functions.Security;

/// <summary>The lowercase names roles have in settings, storage and JSON ("operator", "admin", ...).</summary>
public static class ApiRoleNames
{
    public static IReadOnlyList<ApiRoles> All { get; } =
        [ApiRoles.Operator, ApiRoles.Handler, ApiRoles.Supervisor, ApiRoles.Approver, ApiRoles.Admin, ApiRoles.Registry, ApiRoles.Nominator];

    public static string Name(ApiRoles role) => role.ToString().ToLowerInvariant();

    /// <summary>A single role by name, case-insensitive; false for unknown names and for combinations.</summary>
    public static bool TryParse(string? name, out ApiRoles role)
    {
        role = All.FirstOrDefault(r => string.Equals(Name(r), name, StringComparison.OrdinalIgnoreCase));
        return role != ApiRoles.None;
    }

    public static string Describe(ApiRoles roles) =>
        string.Join(",", All.Where(r => roles.HasFlag(r)).Select(Name));
}
