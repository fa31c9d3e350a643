namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// One person in the registry (劳模档案) with every award they hold. <see cref="Id"/> comes from the keyed hash of the
/// national ID (<see cref="RegistryRecordId"/>), so one person has one record. <see cref="Version"/> counts changes
/// and numbers the history entries.
/// </summary>
public sealed record ModelWorkerRecord(string Id, PersonDetails Person, RecordStanding Standing, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public RecordStatus Status => Standing.Status;
}
