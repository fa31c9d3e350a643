namespace Gonghui.Functions.Validation;

/// <summary>Either a validated value or the field errors that prevented it; never both.</summary>
public sealed class ValidationResult<T> where T : class
{
    private ValidationResult(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<FieldError> Errors { get; }

    public bool IsValid => Value is not null;

    public static ValidationResult<T> Valid(T value) => new(value, []);

    public static ValidationResult<T> Invalid(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("At least one error.", nameof(errors)) : new(null, errors);
}
