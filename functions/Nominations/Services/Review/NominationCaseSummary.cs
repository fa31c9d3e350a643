using System.Globalization;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Nominations.Services.Review;

/// <summary>What a reviewer sees about a nomination, in Simplified Chinese: the national ID masked, the birth date left out.</summary>
public static class NominationCaseSummary
{
    public static CaseSummary Build(Campaign campaign, NominationReviewState state, NominationDetails details, string? note = null)
    {
        var nominee = details.Nominee;
        var rows = new List<SummaryRow>
        {
            new("评选活动", campaign.Name),
            new("被推荐人", nominee.Name),
            new("性别", nominee.Gender.ChineseName()),
            new("身份证号", NationalId.Mask(nominee.NationalId)),
            new("工作单位", nominee.Employer),
            new("职务/职称", nominee.JobTitle),
            new("职业类别", nominee.OccupationCategory.ChineseName()),
        };
        if (details.StaffVote is { } vote)
            rows.Add(new("职工表决", string.Create(CultureInfo.InvariantCulture, $"单位负责人；赞成 {vote.VotesFor} 票 / 参加 {vote.BallotsCast} 人")));
        rows.Add(new("主要事迹", details.Achievements));
        if (details.Honours.Count > 0) rows.Add(new("所获荣誉", string.Join("\n", details.Honours)));
        rows.Add(new("推荐单位", state.UnionId));
        rows.Add(new("审核环节", Step(state)));
        if (note is not null) rows.Add(new("说明", note));
        return new CaseSummary($"{campaign.Name}推荐", state.NominationId, rows);
    }

    /// <summary>"区县总工会审核（第 2 轮）".</summary>
    public static string Step(NominationReviewState state) =>
        state.Round == 1 ? $"{state.Level.ChineseName()}审核" : string.Create(CultureInfo.InvariantCulture, $"{state.Level.ChineseName()}审核（修改后第 {state.Round} 轮）");
}
