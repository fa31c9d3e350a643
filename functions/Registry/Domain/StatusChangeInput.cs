namespace Gonghui.Functions.Registry.Domain;

/// <summary>A status change as asked for: active / revoked / deceased (or 在册 / 撤销 / 已故), the date it took effect, why.</summary>
public sealed record StatusChangeInput(string? Status, string? EffectiveOn, string? Reason);
