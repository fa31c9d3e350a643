namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// What staff enter about a model worker. <see cref="NationalId"/> is canonical and full: only the record itself
/// keeps it, everything shown or logged uses <see cref="MaskedNationalId"/>. <see cref="Phone"/> is normalized.
/// </summary>
public sealed record PersonDetails
{
    public required string Name { get; init; }
    public required Gender Gender { get; init; }
    public required DateOnly BirthDate { get; init; }
    public required string NationalId { get; init; }
    public required IReadOnlyList<Award> Awards { get; init; }
    public required string CurrentEmployer { get; init; }
    public string? JobTitle { get; init; }
    public required string Region { get; init; }
    public string? Phone { get; init; }

    public string MaskedNationalId => Privacy.NationalId.Mask(NationalId);

    public string? MaskedPhone => Privacy.PhoneNumber.Mask(Phone);

    /// <summary>Equal in every field, awards compared in order.</summary>
    public bool SameAs(PersonDetails other) => SamePersonAs(other) && Awards.SequenceEqual(other.Awards);

    /// <summary>Equal in every field but the awards.</summary>
    public bool SamePersonAs(PersonDetails other) =>
        Name == other.Name && Gender == other.Gender && BirthDate == other.BirthDate && NationalId == other.NationalId
        && CurrentEmployer == other.CurrentEmployer && JobTitle == other.JobTitle && Region == other.Region && Phone == other.Phone;
}
