using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Gonghui.Functions.Durable;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Functions.Approval;

/// <summary>
/// The <c>ReliefApproval</c> orchestration (instance id = application id): asks <see cref="ReliefApprovalWorkflow"/>
/// what each event leads to and hands the step to one <see cref="ReliefActivities.ApplyEffects"/> call, which carries
/// it out (following the effects that ask a question into the steps the workflow answers with) and returns the state it
/// ended in; the orchestration keeps that state as it is, so each step is computed once. Between steps it waits for a
/// <see cref="ReliefAction"/> or the open task's next deadline, whichever comes first; a decision on a task it has not
/// opened yet waits for that task (<see cref="EarlyDecisions{TAction}"/>). The custom status is
/// <see cref="ReliefStatusView"/>'s sentence.
/// </summary>
public static class ReliefApprovalOrchestration
{
    public const string Name = "ReliefApproval";
    public const string ActionEvent = "relief-action";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2));

    [Function(Name)]
    public static async Task<ReliefApplicationStatus> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var submission = context.GetInput<ReliefSubmission>()!;
        var steps = new StepCounter();
        var state = await CarryOutAsync(context, steps, submission, ReliefApprovalWorkflow.Submit(submission.ApplicationId, submission.RegionCode, submission.Amount,
            submission.Program, submission.SubmittedById, submission.SubmittedByName, submission.SubmittedAt));
        Task<ReliefAction>? action = null;
        var early = new EarlyDecisions<ReliefAction>();
        while (state.Status.IsOpen())
        {
            action ??= context.WaitForExternalEvent<ReliefAction>(ActionEvent);
            var deadline = ReliefApprovalWorkflow.NextDeadline(state);
            WorkflowStep step;
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
                step = await DeadlineAsync(context, state, deadline!);
            }
            // A refused action (a late decision, a withdrawal after approval) changes nothing; the caller was told already.
            if (!step.IsRefused && (step.Effects.Count > 0 || step.State != state))
                state = await CarryOutAsync(context, steps, submission, step);
        }
        return state.Status;
    }

    /// <summary>
    /// The step a deadline leads to, unless the task's row holds a decision whose raise was lost (the process died
    /// between the row's write and the raise, and nobody retried): that decision is taken first, so it is never lost
    /// to the deadline.
    /// </summary>
    private static async Task<WorkflowStep> DeadlineAsync(TaskOrchestrationContext context, ReliefApprovalState state, WorkflowDeadline deadline)
    {
        var firedAt = Now(context);
        var recorded = await context.CallActivityAsync<ApprovalDecision?>(ReliefActivities.RecordedDecisionName, deadline.TaskId, Retry);
        return recorded is not null && Act(state, ReliefAction.Decided(recorded)) is { IsRefused: false } decided
            ? decided
            : ReliefApprovalWorkflow.TimerFired(state, deadline.TaskId, firedAt);
    }

    private static WorkflowStep Act(ReliefApprovalState state, ReliefAction action) => action.Kind switch
    {
        ReliefActionKind.Decide when action.Decision is { } decision => WithoutRecordedClose(ReliefApprovalWorkflow.Decide(state, decision), action),
        ReliefActionKind.Withdraw => ReliefApprovalWorkflow.Withdraw(state, action.ActorId, action.ActorName, action.Comment, action.At),
        ReliefActionKind.Resubmit => ReliefApprovalWorkflow.Resubmit(state, action.ActorId, action.ActorName, action.Comment, action.At),
        _ => new WorkflowStep(state, [], new WorkflowRefusal(ReliefApprovalWorkflow.UnexpectedEvent, "无法识别的操作。")),
    };

    /// <summary>A decision recorded on its task row closed the task already: the same write again would only cost a request.</summary>
    private static WorkflowStep WithoutRecordedClose(WorkflowStep step, ReliefAction action) => action.RecordedOnTask && !step.IsRefused
        ? step with { Effects = [.. step.Effects.Where(effect => effect is not CloseApprovalTask)] }
        : step;

    /// <summary>Carries out a step, and every step its answering effect leads to, in one activity; returns the state to wait in.</summary>
    private static async Task<ReliefApprovalState> CarryOutAsync(TaskOrchestrationContext context, StepCounter steps, ReliefSubmission submission,
        WorkflowStep step)
    {
        if (step.IsRefused)
            throw new InvalidOperationException($"The workflow refused its own step: {step.Refusal!.Code} {step.Refusal.Message}");
        var batch = new ReliefEffectBatch(steps.Next(), step.State, step.Effects, Now(context),
            ReliefEffectChain.Answering(step) is CheckEligibility ? submission.Program : null, submission.WorkingDayLength);
        var state = await context.CallActivityAsync<ReliefApprovalState>(ReliefActivities.ApplyEffectsName, batch, Retry);
        context.SetCustomStatus(ReliefStatusView.Describe(state).Sentence);
        return state;
    }

    /// <summary>Numbers the steps; the same on every replay, since the instance runs one execution from its start.</summary>
    private sealed class StepCounter
    {
        private int _last;

        public int Next() => ++_last;
    }

    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
}
