namespace Gonghui.Functions.Registry.Domain;

/// <summary>A record as lists, search results and exports without reveal show it: national ID and phone masked.</summary>
public sealed record RegistrySummary(
    string RecordId,
    string Name,
    Gender Gender,
    DateOnly BirthDate,
    string MaskedNationalId,
    string Region,
    RecordStanding Standing,
    IReadOnlyList<Award> Awards,
    string CurrentEmployer,
    string? JobTitle,
    string? MaskedPhone,
    int Version)
{
    public RecordStatus Status => Standing.Status;

    public static RegistrySummary Of(ModelWorkerRecord record) => new(
        record.Id, record.Person.Name, record.Person.Gender, record.Person.BirthDate, record.Person.MaskedNationalId,
        record.Person.Region, record.Standing, record.Person.Awards, record.Person.CurrentEmployer, record.Person.JobTitle,
        record.Person.MaskedPhone, record.Version);
}
