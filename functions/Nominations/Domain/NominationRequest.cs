namespace Gonghui.Functions.Nominations.Domain;

/// <summary>A nomination as the nominating union sends it (a draft may leave anything out, in JSON too).</summary>
public sealed record NominationRequest(
    NomineeRequest? Nominee = null,
    string? Achievements = null,
    IReadOnlyList<string?>? Honours = null,
    IReadOnlyList<MaterialRefRequest?>? Materials = null,
    StaffVoteRequest? StaffVote = null);

/// <param name="BirthDate">yyyy-MM-dd.</param>
/// <param name="IsUnitLeader">A unit leader (单位负责人) needs a recorded staff vote.</param>
public sealed record NomineeRequest(
    string? Name = null,
    string? Gender = null,
    string? BirthDate = null,
    string? NationalId = null,
    string? Employer = null,
    string? JobTitle = null,
    string? OccupationCategory = null,
    string? PoliticalStatus = null,
    bool? IsUnitLeader = null)
{
    /// <summary>Never the full ID or the birth date in logs.</summary>
    public override string ToString() => $"NomineeRequest {{ {Name}, {Privacy.NationalId.Mask(NationalId)} }}";
}

/// <summary>An uploaded material (by its SHA-256) tagged with what it is.</summary>
public sealed record MaterialRefRequest(string? Kind = null, string? Sha256 = null, string? FileName = null);

/// <summary>The staff vote on a unit leader's nomination and the material holding its minutes.</summary>
public sealed record StaffVoteRequest(int? VotesFor = null, int? BallotsCast = null, MaterialRefRequest? Minutes = null);
