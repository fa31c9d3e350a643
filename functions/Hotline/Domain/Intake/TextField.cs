using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// Checks a free-text field: trimmed, required or optional, at most a number of characters counted
/// as Unicode scalar values (a CJK character or an emoji is one), no control characters except line
/// breaks and tabs in multi-line text. Adds field errors; returns the trimmed value.
/// </summary>
internal static class TextField
{
    public static string? Check(string field, string? value, int maxLength, bool required, bool multiLine, List<FieldError> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Add(new FieldError(field, "required"));
            }

            return null;
        }

        if (trimmed.EnumerateRunes().Count() > maxLength)
        {
            errors.Add(new FieldError(field, "too_long"));
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')))
        {
            errors.Add(new FieldError(field, "invalid"));
            return null;
        }

        return trimmed;
    }
}
