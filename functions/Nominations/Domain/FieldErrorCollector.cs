using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Domain;

/// <summary>
/// Field errors of one check and the shared text rule. <see cref="Complete"/>: whether a missing value is an error
/// (a submission) or simply not filled in yet (a draft).
/// </summary>
internal sealed class FieldErrorCollector(bool complete)
{
    public bool Complete { get; } = complete;

    public List<FieldError> Items { get; } = [];

    /// <summary>Records the error; false, for callers that track whether a value was usable.</summary>
    public bool Add(string field, string code, string message)
    {
        Items.Add(new FieldError(field, code, message));
        return false;
    }

    /// <summary>A value not filled in: an error only when the check is <see cref="Complete"/>; false either way.</summary>
    public bool Missing(string field)
    {
        if (Complete) Add(field, "required", "此项必填。");
        return false;
    }

    /// <summary>Trimmed text, or null when absent (an error if required and complete) or malformed (always an error).</summary>
    public string? Text(string? value, string field, int maxLength, bool required, bool multiline = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) Missing(field);
            return null;
        }
        if (text.Length > maxLength)
            Add(field, "too_long", $"最长 {maxLength} 个字符。");
        else if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            Add(field, "invalid_characters", "包含不允许的控制字符。");
        else
            return text;
        return null;
    }
}
