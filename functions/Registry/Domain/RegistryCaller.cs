namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// Who works on the registry: an id and name for history and the reveal audit, a role, and for staff the region
/// code their key is limited to. The HTTP layer builds it from the API key.
/// </summary>
public sealed record RegistryCaller(string Id, string Name, RegistryRole Role, string? Region)
{
    public bool IsAdmin => Role == RegistryRole.Admin;

    /// <summary>Admins reach every record; staff only those in their region (staff without a region none).</summary>
    public bool CanAccess(string region) =>
        IsAdmin || (Region is not null && RegionCode.Covers(Region, region));

    /// <summary>An export with full national IDs: admins only, and every record it holds is recorded as revealed.</summary>
    public bool MayExportFullIds => IsAdmin;
}
