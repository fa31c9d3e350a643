using Gonghui.Functions.Durable;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Relief.Domain;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Gonghui.Functions.Nominations.Functions.Review;

/// <summary>
/// The <c>NominationReview</c> orchestration (instance id = nomination id), started by the submission: feeds
/// <see cref="NominationReviewWorkflow"/> its events and hands each step's effects, with the state to save, to one
/// <see cref="NominationReviewActivities.ApplyEffects"/> call, which also answers the effects that ask (reviewers,
/// quota places). Between steps it waits for a <see cref="NominationAction"/> or the next deadline (reminder,
/// revision), whichever comes first; a decision on a task it has not opened yet waits for that task
/// (<see cref="EarlyDecisions{TAction}"/>). Working days are counted outside: the activity's answers carry the reminder
/// time, a return's decision its deadline, so replay never reads the calendar. It keeps running while the
/// nomination is selected, for the notice and the committee's actions to come.
/// </summary>
public static class NominationReviewOrchestration
{
    public const string Name = "NominationReview";
    public const string ActionEvent = "nomination-action";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2));

    [Function(Name)]
    public static async Task<NominationStatus> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var start = context.GetInput<NominationReviewStart>()!;
        var sequence = 0;
        var state = await CarryOutAsync(context, ++sequence, new NominationReviewStep(start.State, start.Effects, null));
        Task<NominationAction>? action = null;
        var early = new EarlyDecisions<NominationAction>();
        while (state.Status.IsOpen())
        {
            action ??= context.WaitForExternalEvent<NominationAction>(ActionEvent);
            var deadline = NominationReviewWorkflow.NextDeadline(state);
            NominationReviewStep step;
            if (early.TakeFor(state.Task?.TaskId) is { } held)
            {
                step = Act(state, held);
            }
            else if (await ActionOrDeadline.WaitAsync(context, action, deadline?.At) is { } acted)
            {
                action = null;
                if (early.TryHold(acted, acted.Decision?.TaskId, state.History.Select(entry => entry.TaskId)))
                    continue;
                step = Act(state, acted);
            }
            else
            {
                step = NominationReviewWorkflow.TimerFired(state, deadline!, Now(context));
            }
            // A refused action (a late decision, a resubmission after the deadline) changes nothing; its caller was told.
            if (!step.IsRefused && (step.Effects.Count > 0 || step.State != state))
                state = await CarryOutAsync(context, ++sequence, step);
        }
        return state.Status;
    }

    private static NominationReviewStep Act(NominationReviewState state, NominationAction action) => action switch
    {
        { Kind: NominationActionKind.Decide, Decision: { } decision } => NominationReviewWorkflow.Decide(state, decision,
            (_, _) => action.RevisionDue ?? throw new InvalidOperationException("A return arrives with its deadline.")),
        { Kind: NominationActionKind.Resubmit } => NominationReviewWorkflow.Resubmit(state, action.ActorId!, action.ActorName!, action.Comment, action.At),
        { Kind: NominationActionKind.ObjectionUpheld } =>
            NominationReviewWorkflow.ObjectionUpheld(state, action.Reference!, action.ActorId!, action.ActorName!, action.Comment!, action.At),
        { Kind: NominationActionKind.FinalApprove } => NominationReviewWorkflow.FinalApprove(state, action.ActorId!, action.ActorName!, action.At),
        _ => new NominationReviewStep(state, [], new WorkflowRefusal(NominationReviewWorkflow.UnexpectedEvent, "无法识别的操作。")),
    };

    /// <summary>Carries out a step and every step its asking effect leads to, in one activity; returns the state to wait in.</summary>
    private static async Task<NominationReviewState> CarryOutAsync(TaskOrchestrationContext context, int sequence, NominationReviewStep step)
    {
        if (step.IsRefused)
            throw new InvalidOperationException($"The workflow refused its own step: {step.Refusal!.Code} {step.Refusal.Message}");
        var batch = new NominationEffectBatch(sequence, step.State, step.Effects, Now(context));
        var answers = await context.CallActivityAsync<NominationChainAnswer[]>(NominationReviewActivities.ApplyEffectsName, batch, Retry);
        foreach (var answer in answers)
            step = NominationEffectChain.Next(step, answer.Answer, batch.At, (_, _) => answer.ReminderAt!.Value);
        if (step.Answering is { } open) throw new InvalidOperationException($"No answer for {open.GetType().Name}.");
        context.SetCustomStatus(step.State.Status.ChineseName());
        return step.State;
    }

    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
}
