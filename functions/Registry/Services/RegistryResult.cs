using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Registry.Services;

/// <summary>The value of a registry operation, or why there is none (with the field errors of an invalid request).</summary>
public sealed record RegistryResult<T>(RegistryOutcome Outcome, T? Value, IReadOnlyList<FieldError> Errors) where T : class
{
    public bool Succeeded => Outcome is RegistryOutcome.Ok or RegistryOutcome.Created;

    /// <summary>The stable code of a failure (the first field error's for an invalid request).</summary>
    public string? Code => Outcome switch
    {
        RegistryOutcome.Invalid => Errors[0].Code,
        RegistryOutcome.NotFound => RegistryErrorCodes.NotFound,
        RegistryOutcome.OutOfScope => RegistryErrorCodes.OutOfScope,
        RegistryOutcome.Stale => RegistryErrorCodes.Changed,
        RegistryOutcome.AlreadyRegistered => RegistryErrorCodes.AlreadyRegistered,
        _ => null,
    };

    public static RegistryResult<T> Ok(T value) => new(RegistryOutcome.Ok, value, []);
    public static RegistryResult<T> Created(T value) => new(RegistryOutcome.Created, value, []);
    public static RegistryResult<T> Invalid(IReadOnlyList<FieldError> errors) => new(RegistryOutcome.Invalid, null, errors);
    public static RegistryResult<T> Fail(RegistryOutcome outcome) => new(outcome, null, []);
}
