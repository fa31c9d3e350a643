namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// The region codes a search may return for a caller: the query's region narrowed to the caller's scope. Null when
/// they do not overlap (a staff member asking for another region).
/// </summary>
public static class SearchScope
{
    /// <summary>The prefix every returned region code starts with ("" for an admin searching everything), or null.</summary>
    public static string? PrefixFor(RegistryCaller caller, string? queryRegion)
    {
        var scope = caller.IsAdmin ? "" : caller.Region is null ? null : RegionCode.Prefix(caller.Region);
        if (scope is null) return null;
        if (queryRegion is null) return scope;
        var asked = RegionCode.Prefix(queryRegion);
        if (asked.StartsWith(scope, StringComparison.Ordinal)) return asked;
        return scope.StartsWith(asked, StringComparison.Ordinal) ? scope : null;
    }
}
