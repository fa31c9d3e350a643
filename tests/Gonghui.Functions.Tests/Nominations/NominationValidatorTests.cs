using Gonghui.Functions.Nominations.Domain;
using static Gonghui.Functions.Tests.Nominations.NominationSamples;

namespace Gonghui.Functions.Tests.Nominations;

public sealed class NominationValidatorTests
{
    [Fact]
    public void A_complete_nomination_in_the_window_is_accepted_with_canonical_values()
    {
        var result = NominationValidator.ValidateSubmission(Complete(NationalIdOf().ToLowerInvariant() + " "), Campaign(), During);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Code}")));
        var nominee = result.Value!.Nominee;
        Assert.Equal(NationalIdOf(), nominee.NationalId);
        Assert.Equal(new DateOnly(1985, 3, 12), nominee.BirthDate);
        Assert.Equal(OccupationCategory.IndustrialWorker, nominee.OccupationCategory);
        Assert.Null(result.Value.StaffVote);
    }

    [Fact]
    public void A_submission_answers_every_missing_and_invalid_field_at_once()
    {
        var wrongCheckDigit = NationalIdOf()[..17] + (NationalIdOf()[17] == '0' ? '1' : '0');
        var request = new NominationRequest(
            new NomineeRequest("", "unknown", "1985-13-01", wrongCheckDigit, null, "技师", "astronaut", null, null),
            "  ",
            null,
            [new MaterialRefRequest("recommendation_form", "not-a-hash", "表.pdf")],
            null);

        var result = NominationValidator.ValidateSubmission(request, Campaign() with { RequiredFields = [RequirableField.PoliticalStatus] }, Closes);

        Assert.False(result.IsValid);
        var errors = result.Errors.Select(e => (e.Field, e.Code)).ToHashSet();
        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("campaign", NominationWindow.Closed),
                ("nominee.name", "required"),
                ("nominee.gender", "invalid_gender"),
                ("nominee.birthDate", "invalid_date"),
                ("nominee.nationalId", "national_id_check_digit"),
                ("nominee.employer", "required"),
                ("nominee.occupationCategory", "invalid_occupation_category"),
                ("nominee.politicalStatus", "required"),
                ("nominee.isUnitLeader", "required"),
                ("achievements", "required"),
                ("materials[0].sha256", "invalid_sha256"),
                ("materials.recommendation_form", NominationValidator.MaterialRequired),
                ("materials.achievement_report", NominationValidator.MaterialRequired),
            },
            errors);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Birth_date_and_gender_must_agree_with_the_national_id()
    {
        var request = Complete() with { Nominee = Complete().Nominee! with { BirthDate = "1985-03-13", Gender = "female" } };

        var result = NominationValidator.ValidateSubmission(request, Campaign(), During);

        Assert.Equal(new HashSet<(string, string)> { ("nominee.gender", "gender_mismatch"), ("nominee.birthDate", "birth_date_mismatch") },
            result.Errors.Select(e => (e.Field, e.Code)).ToHashSet());
    }

    [Fact]
    public void A_draft_may_be_incomplete_but_what_it_holds_must_be_well_formed()
    {
        var empty = new NominationRequest(new NomineeRequest("李华", null, null, null, null, null, null, null, null), null, null, null, null);
        Assert.Empty(NominationValidator.ValidateDraft(empty, Campaign(), During));

        var malformed = empty with { Nominee = empty.Nominee! with { NationalId = "12345" } };
        Assert.Equal([("nominee.nationalId", "national_id_length")],
            NominationValidator.ValidateDraft(malformed, Campaign(), During).Select(e => (e.Field, e.Code)));
    }

    [Theory]
    [InlineData(1, 0, "window_not_open")]
    [InlineData(2, 0, null)]
    [InlineData(3, -1, null)]
    [InlineData(3, 0, "window_closed")]
    public void Nothing_is_accepted_outside_the_nomination_window(int which, int secondsOffset, string? code)
    {
        var at = (which switch { 1 => Opens.AddSeconds(-1), 2 => Opens, _ => Closes }).AddSeconds(secondsOffset);

        var result = NominationValidator.ValidateSubmission(Complete(), Campaign(), at);

        Assert.Equal(code, result.Errors.SingleOrDefault(e => e.Field == "campaign")?.Code);
        Assert.Equal(code is null, result.IsValid);
    }

    [Theory]
    [InlineData(85, 100, true)]
    [InlineData(84, 100, false)]
    [InlineData(17, 20, true)]
    [InlineData(169, 199, false)] // 84.92 %: no rounding up to 85
    [InlineData(170, 200, true)]
    public void A_unit_leader_needs_at_least_85_percent_of_the_ballots_in_favour(int votesFor, int ballotsCast, bool accepted)
    {
        var result = NominationValidator.ValidateSubmission(UnitLeader(votesFor, ballotsCast), Campaign(), During);

        Assert.Equal(accepted, result.IsValid);
        if (accepted)
        {
            Assert.Equal(new StaffVote(votesFor, ballotsCast, new MaterialRef(Functions.Nominations.Domain.Campaign.StaffVoteMinutesKind, Sha('c'), "职代会决议.pdf")),
                result.Value!.StaffVote);
        }
        else
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(("staffVote.votesFor", NominationValidator.VoteBelowThreshold), (error.Field, error.Code));
            Assert.Contains("85%", error.Message);
        }
    }

    [Fact]
    public void A_unit_leader_without_a_recorded_vote_and_minutes_is_refused()
    {
        var noVote = UnitLeader(90, 100) with { StaffVote = null };
        Assert.Equal([("staffVote", "required")],
            NominationValidator.ValidateSubmission(noVote, Campaign(), During).Errors.Select(e => (e.Field, e.Code)));

        var noMinutes = UnitLeader(90, 100) with { StaffVote = new StaffVoteRequest(90, 100, null) };
        Assert.Equal([("staffVote.minutes", "required")],
            NominationValidator.ValidateSubmission(noMinutes, Campaign(), During).Errors.Select(e => (e.Field, e.Code)));

        var tooMany = UnitLeader(101, 100);
        Assert.Equal([("staffVote.votesFor", "out_of_range")],
            NominationValidator.ValidateSubmission(tooMany, Campaign(), During).Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void The_campaign_threshold_is_data()
    {
        var campaign = Campaign() with { UnitLeaderVotePercent = 90 };

        Assert.False(NominationValidator.ValidateSubmission(UnitLeader(89, 100), campaign, During).IsValid);
        Assert.True(NominationValidator.ValidateSubmission(UnitLeader(90, 100), campaign, During).IsValid);
    }
}
