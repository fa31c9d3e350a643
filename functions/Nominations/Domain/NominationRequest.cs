namespace Gonghui.Functions.Nominations.Domain;

/// <summary>A nomination as the nominating union sends it (a draft may leave anything out).</summary>
public sealed record NominationRequest(
    NomineeRequest? Nominee,
    string? Achievements,
    IReadOnlyList<string?>? Honours,
    IReadOnlyList<MaterialRefRequest?>? Materials,
    StaffVoteRequest? StaffVote);

/// <param name="BirthDate">yyyy-MM-dd.</param>
/// <param name="IsUnitLeader">A unit leader (单位负责人) needs a recorded staff vote.</param>
public sealed record NomineeRequest(
    string? Name,
    string? Gender,
    string? BirthDate,
    string? NationalId,
    string? Employer,
    string? JobTitle,
    string? OccupationCategory,
    string? PoliticalStatus,
    bool? IsUnitLeader)
{
    /// <summary>Never the full ID or the birth date in logs.</summary>
    public override string ToString() => $"NomineeRequest {{ {Name}, {Privacy.NationalId.Mask(NationalId)} }}";
}

/// <summary>An uploaded material (by its SHA-256) tagged with what it is.</summary>
public sealed record MaterialRefRequest(string? Kind, string? Sha256, string? FileName);

/// <summary>The staff vote on a unit leader's nomination and the material holding its minutes.</summary>
public sealed record StaffVoteRequest(int? VotesFor, int? BallotsCast, MaterialRefRequest? Minutes);
