namespace Gonghui.Functions.Nominations.Domain;

/// <summary>A complete, checked nomination: what a submission stores and reviewers read.</summary>
public sealed record NominationDetails(
    Nominee Nominee,
    string Achievements,
    IReadOnlyList<string> Honours,
    IReadOnlyList<MaterialRef> Materials,
    StaffVote? StaffVote)
{
    /// <summary>Every material with the JSON path of its hash, the staff-vote minutes included ("materials[1].sha256").</summary>
    public IEnumerable<(string Field, MaterialRef Material)> MaterialFields =>
        Materials.Select((material, i) => ($"materials[{i}].sha256", material))
            .Concat(StaffVote is { } vote ? [("staffVote.minutes.sha256", vote.Minutes)] : []);
}

/// <param name="NationalId">Canonical 18 characters; never shown, logged or listed in full.</param>
public sealed record Nominee(
    string Name,
    Gender Gender,
    DateOnly BirthDate,
    string NationalId,
    string Employer,
    string JobTitle,
    OccupationCategory OccupationCategory,
    string? PoliticalStatus,
    bool IsUnitLeader)
{
    /// <summary>Never the full ID or the birth date in logs.</summary>
    public override string ToString() => $"Nominee {{ {Name}, {Privacy.NationalId.Mask(NationalId)} }}";
}

/// <param name="Sha256">Lower-case hex of the content, which is how the material store names it.</param>
public sealed record MaterialRef(string Kind, string Sha256, string FileName);

public sealed record StaffVote(int VotesFor, int BallotsCast, MaterialRef Minutes)
{
    /// <summary>Whether at least <paramref name="minimumPercent"/> % of the ballots cast were in favour (exact, no rounding).</summary>
    public static bool MeetsThreshold(int votesFor, int ballotsCast, int minimumPercent) =>
        ballotsCast > 0 && votesFor * 100L >= ballotsCast * (long)minimumPercent;
}
