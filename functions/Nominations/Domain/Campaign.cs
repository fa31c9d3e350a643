namespace Gonghui.Functions.Nominations.Domain;

/// <summary>
/// One award campaign (评选活动): what is awarded, when nominations are accepted, the places per region and level,
/// the quota mix, how long the public notice runs and what a nomination must contain. Every rule is data an
/// administrator sets; the defaults are the federation's usual ones.
/// </summary>
public sealed record Campaign
{
    public const int DefaultNoticeWorkingDays = 5;
    public const int DefaultUnitLeaderVotePercent = 85;

    /// <summary>The material kind of a unit leader's staff-vote minutes, always required for a unit leader.</summary>
    public const string StaffVoteMinutesKind = "staff_vote_minutes";

    public required string CampaignId { get; init; }
    public required string Name { get; init; }
    public required AwardType Award { get; init; }
    public required int Year { get; init; }

    /// <summary>Who confers the award, as the registry records it ("山东省总工会").</summary>
    public required string AwardingBody { get; init; }

    public required NominationWindow Window { get; init; }
    public required IReadOnlyList<RegionQuota> Quotas { get; init; }
    public IReadOnlyList<QuotaMixRule> MixRules { get; init; } = [];
    public int NoticeWorkingDays { get; init; } = DefaultNoticeWorkingDays;
    public ReviewTiming Timing { get; init; } = ReviewTiming.Default;
    public int UnitLeaderVotePercent { get; init; } = DefaultUnitLeaderVotePercent;
    public IReadOnlyList<RequirableField> RequiredFields { get; init; } = [];
    public IReadOnlyList<MaterialRequirement> RequiredMaterials { get; init; } = [];

    /// <summary>The places of one region at one level, or null when the campaign gives it none.</summary>
    public int? PlacesFor(ReviewLevel level, string regionCode) =>
        Quotas.FirstOrDefault(quota => quota.Level == level && quota.RegionCode == regionCode)?.Places;
}
