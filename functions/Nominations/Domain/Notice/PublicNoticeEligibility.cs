using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>Whether the province's list may be published: refused with every quota-mix shortfall, or allowed.</summary>
public sealed record PublicNoticeEligibility(IReadOnlyList<QuotaMixShortfall> Shortfalls, WorkflowRefusal? Refusal)
{
    public const string EmptyList = "empty_list";
    public const string ReviewsOpen = "reviews_open";
    public const string QuotaMixNotMet = "quota_mix_not_met";

    public bool MayPublish => Refusal is null;

    /// <param name="selected">The occupation categories of the nominations the province selected.</param>
    /// <param name="stillInReview">How many of the campaign's nominations the review has not settled yet.</param>
    public static PublicNoticeEligibility Check(Campaign campaign, IReadOnlyCollection<OccupationCategory> selected, int stillInReview)
    {
        if (stillInReview > 0)
            return new([], new WorkflowRefusal(ReviewsOpen, $"还有 {stillInReview} 份推荐未审结，暂不能公示。"));
        if (selected.Count == 0)
            return new([], new WorkflowRefusal(EmptyList, "省级尚未同意任何推荐，名单为空。"));
        var shortfalls = QuotaMix.Shortfalls(campaign.MixRules, selected);
        return shortfalls.Count == 0
            ? new(shortfalls, null)
            : new(shortfalls, new WorkflowRefusal(QuotaMixNotMet, "名单不符合结构比例要求：" + string.Concat(shortfalls.Select(s => s.Message))));
    }
}
