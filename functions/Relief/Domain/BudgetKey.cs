namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// Which budget: one program, one district (the applicant's region code), one calendar year
/// (China time of submission). A natural partition key for the balance and its holds.
/// </summary>
public sealed record BudgetKey(string ProgramCode, string RegionCode, int Year)
{
    /// <summary>"hardship|110105|2026": no character Azure Table keys forbid.</summary>
    public override string ToString() => $"{ProgramCode}|{RegionCode}|{Year}";
}
