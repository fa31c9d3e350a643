using Gonghui.Durable;
using Gonghui.Functions.Relief;
using Gonghui.Hosting.Functions;

namespace Gonghui.Functions.ReliefService;

/// <summary>
/// The <c>ReliefApproval</c> orchestration (instance id = application id): feeds <see cref="ReliefApprovalWorkflow"/>
/// its events and carries out its effects. Effects that answer (eligibility, reservation, approver lookup, payment)
/// are one activity each whose result is the next event; the others of a step go together, with the saved state,
/// to <see cref="ReliefActivities.ApplyEffects"/>. Between steps it waits for a <see cref="ReliefAction"/> or the
/// open task's next deadline, whichever comes first. The custom status is <see cref="ReliefStatusView"/>'s sentence.
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
        var state = await CarryOutAsync(context, submission.Program, ReliefApprovalWorkflow.Submit(submission.ApplicationId, submission.Details,
            submission.Program, submission.SubmittedById, submission.SubmittedByName, submission.SubmittedAt));
        Task<ReliefAction>? action = null;
        while (state.Status.IsOpen())
        {
            action ??= context.WaitForExternalEvent<ReliefAction>(ActionEvent);
            WorkflowStep step;
            if (ReliefApprovalWorkflow.NextDeadline(state) is { } deadline)
            {
                using var cancelTimer = new CancellationTokenSource();
                var timer = context.CreateTimer(deadline.At.UtcDateTime, cancelTimer.Token);
                if (await Task.WhenAny(action, timer) == timer)
                {
                    step = ReliefApprovalWorkflow.TimerFired(state, deadline.TaskId, Now(context));
                }
                else
                {
                    cancelTimer.Cancel();
                    step = Act(state, await action);
                    action = null;
                }
            }
            else
            {
                step = Act(state, await action);
                action = null;
            }
            // A refused action (a late decision, a withdrawal after approval) changes nothing; the caller was told already.
            if (!step.IsRefused && (step.Effects.Count > 0 || step.State != state))
                state = await CarryOutAsync(context, submission.Program, step);
        }
        return state.Status;
    }

    private static WorkflowStep Act(ReliefApprovalState state, ReliefAction action) => action.Kind switch
    {
        ReliefActionKind.Decide when action.Decision is { } decision => ReliefApprovalWorkflow.Decide(state, decision),
        ReliefActionKind.Withdraw => ReliefApprovalWorkflow.Withdraw(state, action.ActorId, action.ActorName, action.Comment, action.At),
        ReliefActionKind.Resubmit => ReliefApprovalWorkflow.Resubmit(state, action.ActorId, action.ActorName, action.Comment, action.At),
        _ => new WorkflowStep(state, [], new WorkflowRefusal(ReliefApprovalWorkflow.UnexpectedEvent, "无法识别的操作。")),
    };

    /// <summary>Carries out a step and every step its answering effects lead to; returns the state to wait in.</summary>
    private static async Task<ReliefApprovalState> CarryOutAsync(TaskOrchestrationContext context, ReliefProgram program, WorkflowStep step)
    {
        while (true)
        {
            if (step.IsRefused)
                throw new InvalidOperationException($"The workflow refused its own step: {step.Refusal!.Code} {step.Refusal.Message}");
            var state = step.State;
            var answering = step.Effects.FirstOrDefault(IsAnswering);
            var others = step.Effects.Where(effect => !IsAnswering(effect)).ToList();
            // Intermediate states (checking, reserving) are not saved: the next step follows at once.
            if (others.Count > 0 || answering is null)
                await context.CallActivityAsync(ReliefActivities.ApplyEffectsName, new ReliefEffectBatch(state, others), Retry);
            context.SetCustomStatus(ReliefStatusView.Describe(state).Sentence);
            switch (answering)
            {
                case null:
                    return state;
                case CheckEligibility:
                    var eligibility = await context.CallActivityAsync<EligibilityDecision>(
                        ReliefActivities.CheckEligibilityName, new EligibilityRequest(state.ApplicationId, program), Retry);
                    step = ReliefApprovalWorkflow.RecordEligibility(state, eligibility, Now(context));
                    break;
                case ReserveBudget reserve:
                    var outcome = await context.CallActivityAsync<BudgetOutcome>(ReliefActivities.ReserveBudgetName, reserve, Retry);
                    step = ReliefApprovalWorkflow.RecordReservation(state, outcome, Now(context));
                    break;
                case OpenApprovalTask open:
                    var approvers = await context.CallActivityAsync<LevelApprovers>(ReliefActivities.FindApproversName, open, Retry);
                    step = ReliefApprovalWorkflow.OpenTask(state, open.TaskId, approvers.Approver, approvers.Deputy, Now(context), ReliefWorkingDays.Adder);
                    break;
                case CreatePaymentInstruction:
                    var paymentId = await context.CallActivityAsync<string>(ReliefActivities.CreatePaymentName, new PaymentRequest(state), Retry);
                    step = ReliefApprovalWorkflow.RecordPayment(state, paymentId, Now(context));
                    break;
                default:
                    throw new InvalidOperationException($"No handling for {answering.GetType().Name}.");
            }
        }
    }

    private static bool IsAnswering(ReliefEffect effect) => effect is CheckEligibility or ReserveBudget or OpenApprovalTask or CreatePaymentInstruction;

    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
}
