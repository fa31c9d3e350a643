namespace Gonghui.Functions.Registry.Domain;

public enum RegistryRole
{
    /// <summary>Registry staff of a union, limited to the records of their region (and the districts under it).</summary>
    Staff,

    /// <summary>Every record.</summary>
    Admin,
}
