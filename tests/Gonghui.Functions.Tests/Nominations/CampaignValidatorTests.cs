using Gonghui.Functions.Nominations.Domain;
using static Gonghui.Functions.Tests.Nominations.NominationSamples;

namespace Gonghui.Functions.Tests.Nominations;

public sealed class CampaignValidatorTests
{
    [Fact]
    public void The_sample_campaign_is_valid_with_the_usual_defaults()
    {
        var campaign = Campaign();

        Assert.Empty(CampaignValidator.Validate(campaign));
        Assert.Equal((5, 2, 5, 85), (campaign.NoticeWorkingDays, campaign.Timing.ReminderAfterWorkingDays, campaign.Timing.RevisionWorkingDays,
            campaign.UnitLeaderVotePercent));
        Assert.Equal(3, campaign.PlacesFor(ReviewLevel.County, "370102"));
        Assert.Null(campaign.PlacesFor(ReviewLevel.County, "370104"));
    }

    [Fact]
    public void Quotas_follow_the_levels_a_province_gives_each_city_and_a_city_each_county()
    {
        var campaign = Campaign() with
        {
            Window = new NominationWindow(Closes, Opens),
            Quotas =
            [
                new RegionQuota(ReviewLevel.City, "370100", 5),
                new RegionQuota(ReviewLevel.County, "370100", 2),
                new RegionQuota(ReviewLevel.County, "370202", 0),
            ],
            MixRules = [new QuotaMixRule("产业工人", [], 135)],
        };

        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("window.closes", "before_opens"),
                ("quotas", "province_quota_required"),
                ("quotas[0].regionCode", "parent_quota_missing"),
                ("quotas[1].regionCode", "invalid_region_code"),
                ("quotas[2].regionCode", "parent_quota_missing"),
                ("quotas[2].places", "out_of_range"),
                ("mixRules[0].categories", "required"),
                ("mixRules[0].minimumPercent", "out_of_range"),
            },
            CampaignValidator.Validate(campaign).Select(e => (e.Field, e.Code)).ToHashSet());
    }
}
