using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Privacy;
using static Gonghui.Functions.Tests.Relief.Domain.WeekendWorkingDays;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>A May Day medal campaign in Shandong and nominations for it.</summary>
internal static class NominationSamples
{
    public static readonly DateTimeOffset Opens = Cst(2026, 3, 2, 9);
    public static readonly DateTimeOffset Closes = Cst(2026, 3, 31, 17);

    /// <summary>Inside the window: Tuesday 2026-03-10 10:00 China time.</summary>
    public static readonly DateTimeOffset During = Cst(2026, 3, 10, 10);

    public static Campaign Campaign(string campaignId = "may-day-2026") => new()
    {
        CampaignId = campaignId,
        Name = "2026 年山东省五一劳动奖章评选",
        Award = AwardType.MayDayMedal,
        Year = 2026,
        AwardingBody = "山东省总工会",
        Window = new NominationWindow(Opens, Closes),
        Quotas =
        [
            new RegionQuota(ReviewLevel.Province, "370000", 10),
            new RegionQuota(ReviewLevel.City, "370100", 5),
            new RegionQuota(ReviewLevel.County, "370102", 3),
            new RegionQuota(ReviewLevel.County, "370103", 3),
        ],
        MixRules =
        [
            new QuotaMixRule("产业工人", [OccupationCategory.IndustrialWorker], 35),
            new QuotaMixRule("其他一线职工和专业技术人员", [OccupationCategory.FrontlineWorker, OccupationCategory.TechnicalStaff], 20),
        ],
        RequiredMaterials = [new MaterialRequirement("recommendation_form", "推荐审批表"), new MaterialRequirement("achievement_report", "先进事迹材料")],
    };

    /// <summary>A valid national ID of a man born 1985-03-12 in 370102 with sequence <paramref name="sequence"/> (odd last digit: male).</summary>
    public static string NationalIdOf(int sequence = 131, string birth = "19850312", string region = "370102")
    {
        var first17 = $"{region}{birth}{sequence:D3}";
        return first17 + NationalId.CheckCharacter(first17);
    }

    public static string Sha(char c) => new(c, 64);

    public static NominationRequest Complete(string? nationalId = null) => new(
        new NomineeRequest("王建国", "male", "1985-03-12", nationalId ?? NationalIdOf(), "济南重型机械有限公司", "高级技师", "industrial_worker", "中共党员",
            IsUnitLeader: false),
        "扎根一线二十年，主持技术革新 12 项。\n带徒 30 余人。",
        ["2024 年济南市劳动模范"],
        [new MaterialRefRequest("recommendation_form", Sha('a'), "推荐审批表.pdf"), new MaterialRefRequest("achievement_report", Sha('b'), "事迹.pdf")],
        null);

    public static NominationRequest UnitLeader(int votesFor, int ballotsCast) => Complete() with
    {
        Nominee = Complete().Nominee! with { IsUnitLeader = true, JobTitle = "总经理", OccupationCategory = "manager" },
        StaffVote = new StaffVoteRequest(votesFor, ballotsCast, new MaterialRefRequest(null, Sha('c'), "职代会决议.pdf")),
    };
}
