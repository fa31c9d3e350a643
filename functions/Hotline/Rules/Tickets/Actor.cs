using Gonghui.Functions.Security;

namespace Gonghui.Functions.Hotline;

/// <summary>Who acts on a ticket: a caller of the API (its key's roles and unit scope) or the system itself (routing, SLA timer).</summary>
public sealed record Actor(string Id, ApiRoles Roles, string? UnitId)
{
    public bool IsSystem { get; private init; }

    public static Actor System { get; } = new("system", ApiRoles.None, null) { IsSystem = true };

    public bool Has(ApiRoles role) => (Roles & role) != 0;
}
