namespace Gonghui.Functions.Registry.Domain;

/// <summary>One field a change touched, as shown to staff (personal numbers masked); null is "empty".</summary>
public sealed record FieldChange(string Field, string? Before, string? After);
