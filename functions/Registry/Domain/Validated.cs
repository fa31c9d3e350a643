using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Registry.Domain;

/// <summary>Either a value or the field errors that prevented it; never both.</summary>
public sealed record Validated<T> where T : class
{
    private Validated(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }
    public bool IsValid => Value is not null;

    public static Validated<T> Valid(T value) => new(value, []);

    public static Validated<T> Invalid(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("At least one error.", nameof(errors)) : new(null, errors);
}
