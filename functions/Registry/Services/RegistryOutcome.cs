namespace Gonghui.Functions.Registry.Services;

/// <summary>How a registry operation ended; the HTTP layer maps each to one status.</summary>
public enum RegistryOutcome
{
    /// <summary>200.</summary>
    Ok,

    /// <summary>201.</summary>
    Created,

    /// <summary>400 with the field errors.</summary>
    Invalid,

    /// <summary>404, registry.not_found.</summary>
    NotFound,

    /// <summary>403, registry.out_of_scope: the record or region is outside the caller's region.</summary>
    OutOfScope,

    /// <summary>412, registry.changed: the record changed since the ETag the caller holds.</summary>
    Stale,

    /// <summary>409, registry.already_registered: the person has a record already.</summary>
    AlreadyRegistered,
}
