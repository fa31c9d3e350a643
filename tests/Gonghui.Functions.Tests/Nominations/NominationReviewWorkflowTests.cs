using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Quotas;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Relief.Domain;
using static Gonghui.Functions.Tests.Nominations.NominationSamples;
using static Gonghui.Functions.Tests.Relief.Domain.WeekendWorkingDays;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>The review as a pure state machine, driven the way a thin orchestrator drives it.</summary>
public sealed class NominationReviewWorkflowTests
{
    private static readonly WorkingDayAdder Days = Adder();
    private static readonly Reviewer CountyReviewer = new("rev-county", "历下区 审核员", "county@gonghui.local");
    private static readonly Reviewer CityReviewer = new("rev-city", "济南市 审核员", "city@gonghui.local");
    private static readonly Reviewer ProvinceReviewer = new("rev-province", "省总 审核员", "province@gonghui.local");

    /// <summary>Monday 2026-04-06 09:00 China time.</summary>
    private static readonly DateTimeOffset Start = Cst(2026, 4, 6, 9);

    [Fact]
    public void Approved_at_county_city_and_province_the_nomination_is_selected_taking_one_place_at_each_level()
    {
        var state = Open(Submitted(), CountyReviewer, Start);
        var places = new List<QuotaKey>();
        foreach (var (level, region, reviewer) in new[]
                 {
                     (ReviewLevel.County, "370102", CountyReviewer), (ReviewLevel.City, "370100", CityReviewer), (ReviewLevel.Province, "370000", ProvinceReviewer),
                 })
        {
            Assert.Equal((NominationStatus.InReview, level), (state.Status, state.Level));
            var decided = NominationReviewWorkflow.Decide(state, Approve(state, reviewer, Start.AddHours(1)), Days);
            var reserve = Assert.IsType<ReserveQuotaPlace>(decided.Answering);
            Assert.Equal(new QuotaKey("may-day-2026", level, region), reserve.Key);
            places.Add(reserve.Key);
            var recorded = NominationReviewWorkflow.RecordQuota(decided.State, QuotaOutcome.Reserved, null, Start.AddHours(1));
            Assert.Contains(recorded.Effects, e => e is CloseReviewTask { Reason: NominationEventKind.Approved });
            Assert.Contains(recorded.Effects, e => e is NotifyNominatingUnion { Event.Kind: NominationEventKind.Approved });
            state = recorded.Answering is OpenReviewTask
                ? Open(recorded, level == ReviewLevel.County ? CityReviewer : ProvinceReviewer, Start.AddHours(2))
                : recorded.State;
        }

        Assert.Equal(NominationStatus.Selected, state.Status);
        Assert.Equal(3, places.Distinct().Count());
        Assert.Equal(3, state.Decisions.Count(d => d.Kind == NominationEventKind.Approved));
        Assert.Null(NominationReviewWorkflow.NextDeadline(state));
    }

    [Fact]
    public void A_full_quota_refuses_the_forward_and_asks_the_level_again_with_a_fresh_task_that_says_why()
    {
        var state = Open(Submitted(), CountyReviewer, Start);
        var firstTask = state.Task!.TaskId;
        var decided = NominationReviewWorkflow.Decide(state, Approve(state, CountyReviewer, Start.AddHours(1)), Days);

        var full = NominationReviewWorkflow.RecordQuota(decided.State, QuotaOutcome.Full,
            new QuotaCount(new QuotaKey("may-day-2026", ReviewLevel.County, "370102"), 3, 3), Start.AddHours(1));

        Assert.Equal(NominationStatus.Routing, full.State.Status);
        Assert.Equal(ReviewLevel.County, full.State.Level);
        Assert.Contains(full.Effects, e => e is CloseReviewTask { Reason: NominationEventKind.QuotaFull } close && close.TaskId == firstTask);
        var reopen = Assert.IsType<OpenReviewTask>(full.Answering);
        Assert.NotEqual(firstTask, reopen.TaskId);
        Assert.Contains("名额已满（3/3）", reopen.Note);
        Assert.Equal(NominationEventKind.QuotaFull, full.State.History[^1].Kind);
        // The reviewer may still reject on the new task.
        var again = Open(full, CountyReviewer, Start.AddHours(2));
        var rejected = NominationReviewWorkflow.Decide(again, Decision(again, CountyReviewer, ReviewDecisionKind.Reject, "名额已满", Start.AddHours(3)), Days);
        Assert.Equal(NominationStatus.Rejected, rejected.State.Status);
    }

    [Fact]
    public void Returned_with_a_deadline_resubmitted_in_time_is_reviewed_again_by_the_same_level()
    {
        var atCity = ForwardedToCity();
        var returned = NominationReviewWorkflow.Decide(atCity,
            Decision(atCity, CityReviewer, ReviewDecisionKind.Return, "请补充获奖证书复印件", Start.AddDays(1)), Days);

        Assert.Equal(NominationStatus.Returned, returned.State.Status);
        // Tuesday 09:00 + 5 working days = the next Tuesday 09:00.
        Assert.Equal(Cst(2026, 4, 14, 9), returned.State.RevisionDue);
        var notice = Assert.IsType<NotifyNominatingUnion>(returned.Effects[^1]);
        Assert.Equal((NominationEventKind.Returned, "请补充获奖证书复印件", Cst(2026, 4, 14, 9)), (notice.Event.Kind, notice.Event.Comment, notice.Event.DueAt));
        Assert.Equal(new ReviewDeadline(Cst(2026, 4, 14, 9), ReviewDeadlineKind.Revision, "1"), NominationReviewWorkflow.NextDeadline(returned.State));

        var resubmitted = NominationReviewWorkflow.Resubmit(returned.State, "union-1", "某公司工会", "已补充", Cst(2026, 4, 13, 16));
        var open = Assert.IsType<OpenReviewTask>(resubmitted.Answering);
        Assert.Equal((ReviewLevel.City, "370100", 2), (open.Level, open.RegionCode, resubmitted.State.Round));
        var reviewedAgain = Open(resubmitted, CityReviewer, Cst(2026, 4, 13, 16));
        Assert.Equal((NominationStatus.InReview, ReviewLevel.City), (reviewedAgain.Status, reviewedAgain.Level));
        // The timer armed for the revision deadline fires late and finds nothing to do.
        var stale = NominationReviewWorkflow.TimerFired(reviewedAgain, new ReviewDeadline(Cst(2026, 4, 14, 9), ReviewDeadlineKind.Revision, "1"),
            Cst(2026, 4, 14, 9));
        Assert.Same(reviewedAgain, stale.State);
        Assert.Empty(stale.Effects);
    }

    [Fact]
    public void A_missed_revision_deadline_withdraws_the_nomination_and_a_late_resubmission_is_refused()
    {
        var atCity = ForwardedToCity();
        var returned = NominationReviewWorkflow.Decide(atCity,
            Decision(atCity, CityReviewer, ReviewDecisionKind.Return, "请补充材料", Start.AddDays(1), revisionDays: 2), Days).State;
        var deadline = NominationReviewWorkflow.NextDeadline(returned)!;
        Assert.Equal(Cst(2026, 4, 9, 9), deadline.At);

        Assert.Empty(NominationReviewWorkflow.TimerFired(returned, deadline, deadline.At.AddSeconds(-1)).Effects);
        var late = NominationReviewWorkflow.Resubmit(returned, "union-1", "某公司工会", null, deadline.At);
        Assert.Equal(NominationReviewWorkflow.RevisionDeadlinePassed, late.Refusal?.Code);

        var withdrawn = NominationReviewWorkflow.TimerFired(returned, deadline, deadline.At);
        Assert.Equal(NominationStatus.Withdrawn, withdrawn.State.Status);
        Assert.Equal(NominationEventKind.RevisionMissed, Assert.IsType<NotifyNominatingUnion>(Assert.Single(withdrawn.Effects)).Event.Kind);
        Assert.Null(NominationReviewWorkflow.NextDeadline(withdrawn.State));
    }

    [Fact]
    public void The_reviewers_are_reminded_once_after_two_working_days()
    {
        // Friday 2026-04-10 15:00: two working days later is Tuesday 15:00.
        var state = Open(Submitted(), CountyReviewer, Cst(2026, 4, 10, 15));
        var deadline = NominationReviewWorkflow.NextDeadline(state)!;
        Assert.Equal((Cst(2026, 4, 14, 15), ReviewDeadlineKind.Reminder), (deadline.At, deadline.Kind));

        var reminded = NominationReviewWorkflow.TimerFired(state, deadline, deadline.At);

        Assert.IsType<SendReviewReminder>(Assert.Single(reminded.Effects));
        Assert.Null(NominationReviewWorkflow.NextDeadline(reminded.State));
        Assert.Empty(NominationReviewWorkflow.TimerFired(reminded.State, deadline, deadline.At.AddDays(1)).Effects);
    }

    [Fact]
    public void Decisions_are_checked_before_they_use_a_link()
    {
        var state = Open(Submitted(), CountyReviewer, Start);

        Assert.Equal(NominationReviewWorkflow.NotAReviewer,
            NominationReviewWorkflow.CheckDecision(state, Approve(state, CityReviewer, Start))?.Code);
        Assert.Equal(NominationReviewWorkflow.CommentRequired,
            NominationReviewWorkflow.CheckDecision(state, Decision(state, CountyReviewer, ReviewDecisionKind.Return, " ", Start))?.Code);
        Assert.Equal(NominationReviewWorkflow.CommentRequired,
            NominationReviewWorkflow.CheckDecision(state, Decision(state, CountyReviewer, ReviewDecisionKind.Reject, null, Start))?.Code);
        Assert.Equal(NominationReviewWorkflow.InvalidRevisionDays,
            NominationReviewWorkflow.CheckDecision(state, Decision(state, CountyReviewer, ReviewDecisionKind.Return, "改", Start, revisionDays: 0))?.Code);
        Assert.Equal(NominationReviewWorkflow.TaskSuperseded,
            NominationReviewWorkflow.CheckDecision(state, Approve(state, CountyReviewer, Start) with { TaskId = "nom-1-L1-R0-A1" })?.Code);
        var refused = NominationReviewWorkflow.Decide(state, Approve(state, CityReviewer, Start), Days);
        Assert.Same(state, refused.State);
        Assert.Empty(refused.Effects);
    }

    [Fact]
    public void Rejected_with_a_comment_the_union_is_told_and_the_review_ends()
    {
        var state = Open(Submitted(), CountyReviewer, Start);

        var rejected = NominationReviewWorkflow.Decide(state, Decision(state, CountyReviewer, ReviewDecisionKind.Reject, "事迹不够突出", Start.AddHours(2)), Days);

        Assert.Equal(NominationStatus.Rejected, rejected.State.Status);
        Assert.False(rejected.State.Status.IsOpen());
        Assert.Equal("事迹不够突出", Assert.IsType<NotifyNominatingUnion>(rejected.Effects[^1]).Event.Comment);
        Assert.Equal(NominationReviewWorkflow.NotInReview,
            NominationReviewWorkflow.Decide(rejected.State, Approve(state, CountyReviewer, Start.AddHours(3)), Days).Refusal?.Code);
    }

    [Fact]
    public void After_selection_an_upheld_objection_withdraws_and_a_final_approval_files_to_the_registry_once()
    {
        var selected = Selected();

        var objected = NominationReviewWorkflow.ObjectionUpheld(selected, "YY260420-ABCDEF", "admin-1", "管理员", "反映情况属实", Start.AddDays(10));
        Assert.Equal(NominationStatus.Withdrawn, objected.State.Status);
        Assert.Equal(NominationReviewWorkflow.NotSelected,
            NominationReviewWorkflow.FinalApprove(objected.State, "committee", "评审委员会", Start.AddDays(11)).Refusal?.Code);

        var awarded = NominationReviewWorkflow.FinalApprove(selected, "committee", "评审委员会", Start.AddDays(11));
        Assert.Equal(NominationStatus.Awarded, awarded.State.Status);
        Assert.Equal(new FileToRegistry("nom-1", "may-day-2026"), awarded.Answering);
        var filed = NominationReviewWorkflow.RecordFiled(awarded.State, "reg-77", Start.AddDays(11));
        var repeated = NominationReviewWorkflow.RecordFiled(filed.State, "reg-77", Start.AddDays(11));
        Assert.Equal("reg-77", repeated.State.RegistryRecordId);
        Assert.Same(filed.State, repeated.State);
        Assert.Single(repeated.State.History, e => e.Kind == NominationEventKind.Filed);
    }

    [Fact]
    public void The_union_may_withdraw_while_in_review_and_the_open_task_closes()
    {
        var state = Open(Submitted(), CountyReviewer, Start);

        var withdrawn = NominationReviewWorkflow.Withdraw(state, "union-1", "某公司工会", "被推荐人调离", Start.AddHours(1));

        Assert.Equal(NominationStatus.Withdrawn, withdrawn.State.Status);
        Assert.Contains(withdrawn.Effects, e => e is CloseReviewTask { Reason: NominationEventKind.Withdrawn });
        Assert.Equal(NominationReviewWorkflow.CannotWithdraw,
            NominationReviewWorkflow.Withdraw(withdrawn.State, "union-1", "某公司工会", null, Start.AddHours(2)).Refusal?.Code);
    }

    [Fact]
    public void States_and_effects_survive_json_as_the_orchestration_passes_them()
    {
        var state = ForwardedToCity();
        var step = NominationReviewWorkflow.Decide(state, Decision(state, CityReviewer, ReviewDecisionKind.Return, "补充", Start.AddDays(1)), Days);
        var options = System.Text.Json.JsonSerializerOptions.Web;

        var json = System.Text.Json.JsonSerializer.Serialize(step.Effects, options);
        var effects = System.Text.Json.JsonSerializer.Deserialize<NominationEffect[]>(json, options)!;
        var stateJson = System.Text.Json.JsonSerializer.Serialize(step.State, options);

        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(effects, options));
        Assert.Equal([typeof(CloseReviewTask), typeof(NotifyNominatingUnion)], effects.Select(e => e.GetType()));
        Assert.Contains("\"effect\":\"close_review_task\"", json);
        Assert.Contains("\"status\":\"returned\"", stateJson);
        Assert.Equal(stateJson, System.Text.Json.JsonSerializer.Serialize(
            System.Text.Json.JsonSerializer.Deserialize<NominationReviewState>(stateJson, options), options));
    }

    [Fact]
    public void An_activity_s_answers_lead_the_orchestration_along_the_same_chain()
    {
        var state = Open(Submitted(), CountyReviewer, Start);
        var decided = NominationReviewWorkflow.Decide(state, Approve(state, CountyReviewer, Start.AddHours(1)), Days);

        // The place is taken, the city's reviewers are found: the county's approval ends waiting on the city.
        var end = NominationEffectChain.Follow(decided,
            [new NominationEffectAnswer(Quota: QuotaOutcome.Reserved), new NominationEffectAnswer(Reviewers: [CityReviewer])], Start.AddHours(1), Days);

        Assert.Equal((NominationStatus.InReview, ReviewLevel.City), (end.State.Status, end.State.Level));
        Assert.IsType<SendReviewRequest>(Assert.Single(end.Effects));
        Assert.Throws<InvalidOperationException>(() =>
            NominationEffectChain.Follow(decided, [new NominationEffectAnswer(Quota: QuotaOutcome.Reserved)], Start.AddHours(1), Days));
        Assert.Throws<InvalidOperationException>(() =>
            NominationEffectChain.Follow(decided, [new NominationEffectAnswer(Quota: QuotaOutcome.Reserved), new NominationEffectAnswer(Reviewers: [])],
                Start.AddHours(1), Days));
    }

    [Fact]
    public void Task_ids_name_their_nomination()
    {
        var id = ReviewTask.IdFor("nom-2026-0042", ReviewLevel.City, 2, 3);

        Assert.Equal("nom-2026-0042-L2-R2-A3", id);
        Assert.Equal("nom-2026-0042", ReviewTask.NominationIdOf(id));
        Assert.Null(ReviewTask.NominationIdOf("nom-2026-0042-L4-R2-A3"));
        Assert.Null(ReviewTask.NominationIdOf("anything"));
    }

    private static NominationReviewStep Submitted() =>
        NominationReviewWorkflow.Submit("nom-1", Campaign(), "union-1", "370102", "user-1", "某公司工会 张三", Start);

    private static NominationReviewState Open(NominationReviewStep step, Reviewer reviewer, DateTimeOffset at)
    {
        var open = Assert.IsType<OpenReviewTask>(step.Answering);
        var opened = NominationReviewWorkflow.OpenTask(step.State, open.TaskId, [reviewer], at, Days, open.Note);
        Assert.False(opened.IsRefused, opened.Refusal?.Message);
        Assert.IsType<SendReviewRequest>(Assert.Single(opened.Effects));
        return opened.State;
    }

    private static NominationReviewState ForwardedToCity()
    {
        var state = Open(Submitted(), CountyReviewer, Start);
        var decided = NominationReviewWorkflow.Decide(state, Approve(state, CountyReviewer, Start), Days);
        return Open(NominationReviewWorkflow.RecordQuota(decided.State, QuotaOutcome.Reserved, null, Start), CityReviewer, Start.AddDays(1));
    }

    private static NominationReviewState Selected()
    {
        var state = ForwardedToCity();
        var decided = NominationReviewWorkflow.Decide(state, Approve(state, CityReviewer, Start.AddDays(1)), Days);
        state = Open(NominationReviewWorkflow.RecordQuota(decided.State, QuotaOutcome.Reserved, null, Start.AddDays(1)), ProvinceReviewer, Start.AddDays(2));
        decided = NominationReviewWorkflow.Decide(state, Approve(state, ProvinceReviewer, Start.AddDays(2)), Days);
        return NominationReviewWorkflow.RecordQuota(decided.State, QuotaOutcome.AlreadyReserved, null, Start.AddDays(2)).State;
    }

    private static ReviewDecision Approve(NominationReviewState state, Reviewer reviewer, DateTimeOffset at) =>
        Decision(state, reviewer, ReviewDecisionKind.Approve, null, at);

    private static ReviewDecision Decision(NominationReviewState state, Reviewer reviewer, ReviewDecisionKind kind, string? comment, DateTimeOffset at,
        int? revisionDays = null) => new(state.Task?.TaskId ?? "", reviewer.Id, kind, comment, at, revisionDays);
}
