using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Domain.Quotas;
using static Gonghui.Functions.Nominations.Domain.OccupationCategory;
using static Gonghui.Functions.Tests.Nominations.NominationSamples;

namespace Gonghui.Functions.Tests.Nominations;

public sealed class PublicNoticeTests
{
    [Fact]
    public void A_list_short_of_industrial_workers_is_refused_naming_the_category_and_the_shortfall()
    {
        // 10 on the list: at least 4 industrial workers (35 %, rounded up) and 2 front-line or technical staff (20 %).
        OccupationCategory[] list = [IndustrialWorker, IndustrialWorker, FrontlineWorker, TechnicalStaff, Manager, Manager, Manager, Manager, PublicSector, Other];

        var eligibility = PublicNoticeEligibility.Check(Campaign(), list, stillInReview: 0);

        Assert.False(eligibility.MayPublish);
        Assert.Equal(PublicNoticeEligibility.QuotaMixNotMet, eligibility.Refusal!.Code);
        var shortfall = Assert.Single(eligibility.Shortfalls);
        Assert.Equal(("产业工人", 4, 2, 2), (shortfall.Rule.Name, shortfall.Required, shortfall.Actual, shortfall.Shortfall));
        Assert.Contains("产业工人应不低于 35%：名单 10 人中至少 4 人，现有 2 人，还差 2 人。", eligibility.Refusal.Message);
    }

    [Fact]
    public void A_list_meeting_every_rule_may_be_published_and_open_reviews_or_an_empty_list_may_not()
    {
        OccupationCategory[] list = [IndustrialWorker, IndustrialWorker, FrontlineWorker, Manager, TechnicalStaff];

        Assert.True(PublicNoticeEligibility.Check(Campaign(), list, stillInReview: 0).MayPublish);
        Assert.Equal(PublicNoticeEligibility.ReviewsOpen, PublicNoticeEligibility.Check(Campaign(), list, stillInReview: 1).Refusal?.Code);
        Assert.Equal(PublicNoticeEligibility.EmptyList, PublicNoticeEligibility.Check(Campaign(), [], stillInReview: 0).Refusal?.Code);
        Assert.Equal(new Dictionary<OccupationCategory, int> { [IndustrialWorker] = 40, [FrontlineWorker] = 20, [Manager] = 20, [TechnicalStaff] = 20 },
            QuotaMix.Percentages(list));
    }

    [Fact]
    public void The_notice_ends_after_its_working_days_and_not_before_every_objection_is_settled()
    {
        var period = NoticePeriod.Starting(Relief.Domain.WeekendWorkingDays.Cst(2026, 4, 20, 9), Campaign(), Relief.Domain.WeekendWorkingDays.Adder());
        Assert.Equal(Relief.Domain.WeekendWorkingDays.Cst(2026, 4, 27, 9), period.Ends);
        var objection = new Objection
        {
            Reference = "YY260421-ABCDEF", CampaignId = "may-day-2026", NominationId = "nom-1", ObjectorName = "赵六",
            ObjectorContact = "13812345678", Text = "该同志的事迹有夸大。", FiledAt = period.Starts.AddDays(1),
        };

        Assert.True(period.AcceptsObjections(period.Starts.AddDays(1)));
        Assert.False(period.AcceptsObjections(period.Ends));
        Assert.False(period.CanEnd(period.Ends, [objection]));
        var (dismissed, refusal) = objection.Settle(upheld: false, "经核实，事迹属实。", "admin-1", "管理员", period.Ends);
        Assert.Null(refusal);
        Assert.Equal(ObjectionStatus.Dismissed, dismissed.Status);
        Assert.True(period.CanEnd(period.Ends, [dismissed]));
        Assert.False(period.CanEnd(period.Ends.AddSeconds(-1), [dismissed]));
        Assert.Equal(Objection.AlreadySettled, dismissed.Settle(upheld: true, "改判", "admin-1", "管理员", period.Ends).Refusal?.Code);
        Assert.Equal(Objection.FindingRequired, objection.Settle(upheld: true, " ", "admin-1", "管理员", period.Ends).Refusal?.Code);
    }

    [Fact]
    public void An_objection_needs_a_listed_nominee_a_name_a_valid_contact_and_text()
    {
        var listed = new[] { "nom-1" };

        var bad = ObjectionValidator.Validate(new ObjectionRequest("nom-9", " ", "not a contact", null), listed);
        Assert.Equal(new HashSet<(string, string)> { ("nominationId", "not_on_notice"), ("name", "required"), ("contact", "invalid_contact"), ("text", "required") },
            bad.Errors.Select(e => (e.Field, e.Code)).ToHashSet());

        var byPhone = ObjectionValidator.Validate(new ObjectionRequest("nom-1", "赵六", "138 1234 5678", "事迹有夸大。"), listed);
        Assert.Equal("13812345678", byPhone.Value!.Contact);
        var byMail = ObjectionValidator.Validate(new ObjectionRequest("nom-1", "赵六", "Zhao@Example.com", "事迹有夸大。"), listed);
        Assert.Equal("zhao@example.com", byMail.Value!.Contact);
    }

    [Fact]
    public void The_public_entry_holds_no_id_birth_date_or_materials_and_a_short_summary()
    {
        var details = NominationValidator_Valid();

        var entry = PublicNoticeEntry.From("nom-1", details with { Achievements = new string('绩', 300) }, Campaign(), withdrawnOnObjection: false);

        Assert.Equal(("王建国", "男", "2026 年度五一劳动奖章"), (entry.Name, entry.Gender, entry.Award));
        Assert.Equal(PublicNoticeEntry.SummaryLength, entry.Summary.Length);
        var text = System.Text.Json.JsonSerializer.Serialize(entry);
        Assert.DoesNotContain(details.Nominee.NationalId, text);
        Assert.DoesNotContain("1985", text);
        Assert.DoesNotContain(Sha('a'), text);
        // Logged records show personal data masked.
        Assert.DoesNotContain(details.Nominee.NationalId, $"{details} {Complete()} {Functions.Nominations.Domain.Registry.RegistryFiling.From("nom-1", details, Campaign(), "370102", During)}");
        Assert.Contains("370102********", details.Nominee.ToString());
        Assert.Matches(@"^YY\d{6}-[2-9A-HJKMNP-Z]{6}$", ObjectionReference.Create(DateTimeOffset.UnixEpoch, [1, 2, 3, 4, 5, 250]));
    }

    [Fact]
    public void A_campaign_change_says_which_nominations_and_regions_it_would_invalidate()
    {
        var submitted = new ExistingNomination("nom-1", Complete(), During);
        var leader = new ExistingNomination("nom-2", UnitLeader(86, 100) with { Nominee = UnitLeader(86, 100).Nominee! with { NationalId = NationalIdOf(133) } }, During);
        var draft = new ExistingNomination("nom-3", Complete() with { Achievements = null }, null);
        var taken = new[] { new QuotaCount(new QuotaKey("may-day-2026", ReviewLevel.County, "370102"), 3, 2) };

        Assert.True(CampaignChangeCheck.Check(Campaign() with { Name = "新名称" }, [submitted, leader, draft], taken).InvalidatesNothing);

        var proposed = Campaign() with
        {
            UnitLeaderVotePercent = 90,
            RequiredMaterials = [.. Campaign().RequiredMaterials, new MaterialRequirement("photo", "近期免冠照片")],
            Quotas = [.. Campaign().Quotas.Where(q => q.RegionCode != "370102"), new RegionQuota(ReviewLevel.County, "370102", 1)],
        };
        var impact = CampaignChangeCheck.Check(proposed, [submitted, leader, draft], taken);

        Assert.Equal(["nom-1", "nom-2"], impact.Nominations.Select(n => n.NominationId));
        Assert.Equal([("materials.photo", NominationValidator.MaterialRequired)], impact.Nominations[0].Reasons.Select(r => (r.Field, r.Code)));
        Assert.Contains(impact.Nominations[1].Reasons, r => r.Code == NominationValidator.VoteBelowThreshold);
        Assert.Equal(new QuotaConflict(ReviewLevel.County, "370102", 1, 2), Assert.Single(impact.Quotas));

        var shortened = Campaign() with { Window = new NominationWindow(Opens, During.AddDays(-1)) };
        Assert.Equal(NominationWindow.Closed, CampaignChangeCheck.Check(shortened, [submitted], []).Nominations.Single().Reasons.Single().Code);
    }

    private static NominationDetails NominationValidator_Valid() => NominationValidator.ValidateSubmission(Complete(), Campaign(), During).Value!;
}
