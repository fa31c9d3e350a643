namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>
/// One line of the public notice: what the public may see of a selected nominee, and nothing else (no ID, birth
/// date, phone or materials). <see cref="WithdrawnOnObjection"/>: the line stays, marked withdrawn.
/// </summary>
public sealed record PublicNoticeEntry(
    string NominationId,
    string Name,
    string Gender,
    string Employer,
    string JobTitle,
    string Award,
    string Summary,
    bool WithdrawnOnObjection)
{
    public const int SummaryLength = 200;

    public static PublicNoticeEntry From(string nominationId, NominationDetails details, Campaign campaign, bool withdrawnOnObjection) => new(
        nominationId, details.Nominee.Name, details.Nominee.Gender.ChineseName(), details.Nominee.Employer, details.Nominee.JobTitle,
        $"{campaign.Year} 年度{campaign.Award.ChineseName()}", Summarize(details.Achievements), withdrawnOnObjection);

    /// <summary>The achievements on one line, cut at <see cref="SummaryLength"/> characters.</summary>
    public static string Summarize(string achievements)
    {
        var oneLine = string.Join(' ', achievements.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length <= SummaryLength ? oneLine : string.Concat(oneLine.AsSpan(0, SummaryLength - 1), "…");
    }
}
