namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// A record's status with the date it took effect and why (null for a record active since it was entered).
/// </summary>
public sealed record RecordStanding(RecordStatus Status, DateOnly? EffectiveOn, string? Reason)
{
    public static RecordStanding Active { get; } = new(RecordStatus.Active, null, null);
}
