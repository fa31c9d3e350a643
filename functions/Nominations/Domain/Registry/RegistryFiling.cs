namespace Gonghui.Functions.Nominations.Domain.Registry;

/// <summary>
/// What an awarded nomination files to the model-worker registry: one active record of this award and year for
/// this person. <see cref="SourceKey"/> ("nomination|{id}") makes filing idempotent: the registry creates one
/// record per key, so a retried activity finds the record it made.
/// </summary>
public sealed record RegistryFiling(
    string SourceKey,
    AwardType Award,
    int AwardYear,
    string AwardingBody,
    string Name,
    Gender Gender,
    DateOnly BirthDate,
    string NationalId,
    string Employer,
    string JobTitle,
    string RegionCode,
    DateTimeOffset AwardedAt)
{
    public static RegistryFiling From(string nominationId, NominationDetails details, Campaign campaign, string countyCode, DateTimeOffset awardedAt) => new(
        $"nomination|{nominationId}", campaign.Award, campaign.Year, campaign.AwardingBody, details.Nominee.Name, details.Nominee.Gender,
        details.Nominee.BirthDate, details.Nominee.NationalId, details.Nominee.Employer, details.Nominee.JobTitle, countyCode, awardedAt);

    /// <summary>Never the full ID in logs or state.</summary>
    public override string ToString() => $"RegistryFiling {{ {SourceKey}, {Award}, {AwardYear}, {Privacy.NationalId.Mask(NationalId)} }}";
}
