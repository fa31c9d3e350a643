namespace Gonghui.Functions.Registry.Domain;

/// <summary>One honour a record can hold: a stable code, the Chinese name staff see and type, and its level.</summary>
public sealed record AwardKind(string Code, string Name, AwardLevel Level);
