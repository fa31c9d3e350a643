namespace Gonghui.Functions.Hotline;

/// <summary>A problem with one input field: the JSON field name and a stable code such as "phone.invalid".</summary>
public sealed record FieldError(string Field, string Code);
