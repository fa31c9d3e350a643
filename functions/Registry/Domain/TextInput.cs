using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Registry.Domain;

/// <summary>The check every free-text field gets: trimmed, length-bounded, no control characters or table-key characters.</summary>
internal static class TextInput
{
    public static string? Check(string field, string? value, int maxLength, bool required, List<FieldError> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(new FieldError(field, RegistryErrorCodes.Required));
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(new FieldError(field, RegistryErrorCodes.TooLong));
            return null;
        }
        // '/', '\', '#' and '?' cannot stand in a table key; names are part of the search index's keys.
        if (text.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
        {
            errors.Add(new FieldError(field, RegistryErrorCodes.InvalidCharacters));
            return null;
        }
        return text;
    }
}
