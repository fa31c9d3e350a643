namespace Gonghui.Functions.Hotline.Domain;

/// <summary>Who acts on a ticket: a caller of the API (its roles and unit scope) or the system itself (routing, SLA timer).</summary>
public sealed record Actor(string Id, HotlineRole Roles, string? UnitId)
{
    public bool IsSystem { get; private init; }

    public static Actor System { get; } = new("system", HotlineRole.None, null) { IsSystem = true };

    public bool Has(HotlineRole role) => (Roles & role) != 0;
}
