using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Quotas;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Functions.Review;
using Gonghui.Functions.Tests.Relief.Functions.Approval;
using Microsoft.DurableTask;
using static Gonghui.Functions.Tests.Nominations.NominationSamples;
using static Gonghui.Functions.Tests.Relief.Domain.WeekendWorkingDays;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>
/// The <c>NominationReview</c> orchestrator against a fake context, its activity answering with fixed reviewers and
/// reserved places: a decision that arrives before its task was opened here is taken once it is.
/// </summary>
public sealed class NominationReviewOrchestrationTests
{
    private static readonly DateTimeOffset Start = Cst(2026, 4, 6, 9);
    private static readonly Reviewer CountyReviewer = new("rev-county", "历下区 审核员", "county@gonghui.local");
    private static readonly Reviewer CityReviewer = new("rev-city", "济南市 审核员", "city@gonghui.local");
    private readonly List<NominationReviewState> _returned = [];

    [Fact]
    public void A_decision_on_a_task_not_yet_opened_here_is_taken_once_the_task_opens()
    {
        // The city's decision arrives first: the county's step was carried out (and the city task opened) by an activity
        // whose orchestration step was lost with its process, and is replayed only now.
        var submitted = NominationReviewWorkflow.Submit("nom-1", Campaign(), "union-1", "370102", "user-1", "某公司工会 张三", Start);
        var context = new FakeOrchestrationContext("nom-1", new NominationReviewStart(submitted.State, submitted.Effects), Start, Activity);
        var run = context.Start(NominationReviewOrchestration.Run);
        var county = _returned[^1].Task!;
        var cityTaskId = ReviewTask.IdFor("nom-1", ReviewLevel.City, 1, 1);

        context.Raise(NominationReviewOrchestration.ActionEvent, NominationAction.Decided(
            new ReviewDecision(cityTaskId, CityReviewer.Id, ReviewDecisionKind.Approve, null, Start.AddHours(2), null), null));
        Assert.Single(context.ActivityCalls);

        context.Raise(NominationReviewOrchestration.ActionEvent, NominationAction.Decided(
            new ReviewDecision(county.TaskId, CountyReviewer.Id, ReviewDecisionKind.Approve, null, Start.AddHours(1), null), null));

        Assert.Equal(3, context.ActivityCalls.Count);
        Assert.Equal(ReviewLevel.Province, _returned[^1].Level);
        Assert.Equal([county.TaskId, cityTaskId], _returned[^1].Decisions.Select(entry => entry.TaskId));
        Assert.False(run.IsCompleted);
    }

    private object? Activity(TaskName name, object? input)
    {
        Assert.Equal(NominationReviewActivities.ApplyEffectsName, name.Name);
        var batch = Assert.IsType<NominationEffectBatch>(input);
        var step = new NominationReviewStep(batch.State, batch.Effects, null);
        var answers = new List<NominationChainAnswer>();
        while (step.Answering is { } asking)
        {
            var answer = asking switch
            {
                OpenReviewTask { Level: ReviewLevel.County } => new NominationEffectAnswer(Reviewers: [CountyReviewer]),
                OpenReviewTask => new NominationEffectAnswer(Reviewers: [CityReviewer]),
                ReserveQuotaPlace => new NominationEffectAnswer(Quota: QuotaOutcome.Reserved),
                _ => throw new InvalidOperationException($"No answer for {asking.GetType().Name}."),
            };
            step = NominationEffectChain.Next(step, answer, batch.At, Adder());
            answers.Add(new NominationChainAnswer(answer, step.State.Task?.ReminderAt));
        }
        _returned.Add(step.State);
        return answers.ToArray();
    }
}
