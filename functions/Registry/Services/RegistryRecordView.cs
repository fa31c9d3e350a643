using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Services;

/// <summary>
/// A record as its page and GET show it: the national ID masked (the full number only through a recorded reveal),
/// the phone in full for contacting the person. <see cref="ETag"/> is what an update sends back as If-Match.
/// </summary>
public sealed record RegistryRecordView(
    string Id,
    string ETag,
    int Version,
    string Name,
    Gender Gender,
    DateOnly BirthDate,
    string MaskedNationalId,
    IReadOnlyList<Award> Awards,
    string CurrentEmployer,
    string? JobTitle,
    string Region,
    string? Phone,
    RecordStanding Standing,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static RegistryRecordView Of(Stores.StoredRecord stored)
    {
        var (record, person) = (stored.Record, stored.Record.Person);
        return new(record.Id, stored.ETag.ToString(), record.Version, person.Name, person.Gender, person.BirthDate, person.MaskedNationalId,
            person.Awards, person.CurrentEmployer, person.JobTitle, person.Region, person.Phone, record.Standing, record.CreatedAt, record.UpdatedAt);
    }
}
