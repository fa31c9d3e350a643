using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Money;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Services;
using Gonghui.Functions.Relief.Stores;
using Gonghui.Functions.Validation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Relief.Functions.Approval;

/// <summary>
/// The one activity of <see cref="ReliefApprovalOrchestration"/>: carry out a step's effects, and while the step ends
/// in an effect that asks a question (eligibility, reservation, approvers, payment), answer it and carry out the step
/// the workflow answers with (<see cref="ReliefEffectChain"/>); then open the final step's tasks, save its state (the
/// projection GET reads), carry out its effects and return that state, which the orchestration takes as it is. One
/// activity per submission, decision or action keeps the durable round trips to one. It runs at least once, so
/// every effect is idempotent by natural keys: budget holds by hold id, task rows by task id, payments by application
/// id, e-mails by application, task, recipient and purpose.
/// </summary>
public sealed class ReliefActivities(
    ApplicationStore applications,
    BudgetStore budgets,
    ApprovalTaskStore tasks,
    PaymentStore payments,
    ReliefDirectory directory,
    ReliefCalendar calendar,
    ReliefMail mail,
    ReliefSettingsAccessor settings,
    ModelWorkerLookup modelWorkers,
    TimeProvider clock,
    ILogger<ReliefActivities> logger)
{
    public const string ApplyEffectsName = "ReliefApplyEffects";
    public const string RecordedDecisionName = "ReliefRecordedDecision";

    [Function(ApplyEffectsName)]
    public async Task<ReliefApprovalState> ApplyEffects([ActivityTrigger] ReliefEffectBatch batch, CancellationToken cancellationToken)
    {
        // Read while the first effects run; effects that need the applicant's details await it.
        var application = RequireAsync(batch.State.ApplicationId, cancellationToken);
        var step = new WorkflowStep(batch.State, batch.Effects, null);
        // Saves are numbered twice the batch: a failing chain shows where it stopped (2n - 1), its successful retry still
        // saves the final state (2n), and a later batch outranks both.
        try
        {
            while (ReliefEffectChain.Answering(step) is { } answering)
            {
                foreach (var effect in step.Effects.Where(e => !ReferenceEquals(e, answering)))
                    await ApplyAsync(step.State, application, effect, opened: null, cancellationToken);
                var answer = await AnswerAsync(step.State, application, answering, batch, cancellationToken);
                step = ReliefEffectChain.Next(step.State, answering, answer, batch.At);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await applications.SaveStateAsync(step.State, 2 * batch.Sequence - 1, await application, CancellationToken.None);
            throw;
        }
        // Task rows change before the saved state: a row is open before the state says the task is open, and closed before
        // the state stops showing it (so a link never meets a moved-on state beside an open row); and the state is saved
        // before a mail links to it. A decision never finds the one without the other.
        var opened = new Dictionary<ReliefEffect, OpenedApprovalTask>(ReferenceEqualityComparer.Instance);
        foreach (var request in step.Effects.OfType<SendApprovalRequest>())
            opened[request] = await mail.OpenTaskAsync(step.State.ApplicationId, request.Task, request.Recipient, cancellationToken);
        foreach (var close in step.Effects.OfType<CloseApprovalTask>())
            await ApplyAsync(step.State, application, close, opened: null, cancellationToken);
        await applications.SaveStateAsync(step.State, 2 * batch.Sequence, await application, cancellationToken);
        foreach (var effect in step.Effects.Where(effect => effect is not CloseApprovalTask))
            await ApplyAsync(step.State, application, effect, opened.GetValueOrDefault(effect), cancellationToken);
        return step.State;
    }

    /// <summary>The decision recorded on a task's row (Decided), or null; asked when one of the task's deadlines comes.</summary>
    [Function(RecordedDecisionName)]
    public async Task<ApprovalDecision?> RecordedDecision([ActivityTrigger] string taskId, CancellationToken cancellationToken) =>
        await tasks.GetAsync(taskId, cancellationToken) is { Snapshot.Status: ApprovalTaskStatus.Decided, Decision: { } recorded } ? recorded : null;

    private async Task<ReliefEffectAnswer> AnswerAsync(ReliefApprovalState state, Task<StoredApplication> application, ReliefEffect effect,
        ReliefEffectBatch batch, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case CheckEligibility:
                return new(Eligibility: await CheckEligibilityAsync(await application, batch.Program
                    ?? throw new InvalidOperationException("Eligibility needs the program."), cancellationToken));
            case ReserveBudget reserve:
                var reserved = await budgets.ReserveAsync(reserve.Budget, reserve.HoldId, reserve.Amount, cancellationToken);
                logger.LogInformation("Budget {Budget} reservation {HoldId} of {Amount}: {Outcome}", reserve.Budget, reserve.HoldId, reserve.Amount, reserved);
                return new(Reservation: reserved);
            case OpenApprovalTask open:
                return new(
                    Approvers: await directory.FindApproversAsync(open.Level, open.RegionCode, cancellationToken)
                        ?? throw new InvalidOperationException($"No {WireNames<ApprovalLevel>.Of(open.Level)} approvers for region {open.RegionCode}: " +
                            $"set them with PUT /api/relief/approvers/{open.RegionCode}/{WireNames<ApprovalLevel>.Of(open.Level)}."),
                    Deadlines: ApprovalTaskDeadlines.After(batch.At, state.Timing, await calendar.AdderAsync(batch.WorkingDayLength, cancellationToken)));
            case CreatePaymentInstruction:
                return new(PaymentId: await CreatePaymentAsync(state, await application, cancellationToken));
            default:
                throw new InvalidOperationException($"{effect.GetType().Name} asks no question.");
        }
    }

    /// <summary>
    /// Carries out an effect that needs no answer; <paramref name="opened"/> is an approval request's task as it was
    /// opened, with its link (requests only come in a chain's final step, whose tasks are opened first).
    /// </summary>
    private async Task ApplyAsync(ReliefApprovalState state, Task<StoredApplication> application, ReliefEffect effect, OpenedApprovalTask? opened,
        CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case ReleaseBudget release:
                var released = await budgets.ReleaseAsync(release.Budget, release.HoldId, cancellationToken);
                logger.LogInformation("Budget {Budget} hold {HoldId} released: {Outcome}", release.Budget, release.HoldId, released);
                break;
            case SendApprovalRequest request:
                if (opened is null)
                    throw new InvalidOperationException($"Task {request.Task.TaskId} is opened with its link before the request is mailed.");
                await mail.MailApproverAsync(state, await application, request.Task, request.Recipient, ApproverMailKind.Request, opened.Link,
                    taskJustOpened: opened.Created, cancellationToken);
                break;
            case SendReminder reminder:
                await mail.SendApproverMailAsync(state, await application, reminder.Task, reminder.Recipient, ApproverMailKind.Reminder, cancellationToken);
                break;
            case SendEscalation escalation:
                await mail.SendApproverMailAsync(state, await application, escalation.Task, escalation.Deputy, ApproverMailKind.Escalation, cancellationToken);
                break;
            case CloseApprovalTask close:
                var closing = state.History.Last(entry => entry.Kind == close.Reason && (close.Reason == ReliefEventKind.Withdrawn || entry.TaskId == close.TaskId));
                await tasks.CloseAsync(close.TaskId, ReliefApprovalLink.Conclusion(closing), cancellationToken);
                break;
            case NotifyApplicantUnit notify:
                await mail.SendUnitMailAsync(state, await application, notify, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"No handling for {effect.GetType().Name}.");
        }
    }

    private async Task<EligibilityDecision> CheckEligibilityAsync(StoredApplication application, ReliefProgram program, CancellationToken cancellationToken)
    {
        var year = ChinaStandardTime.ToLocalDate(application.SubmittedAt).Year;
        var others = await applications.FindByPersonAsync(settings.Value.NationalIdHasher.Hash(application.Details.Applicant.NationalId),
            program.Code, application.ApplicationId, cancellationToken);
        var granted = others.Where(o => o.Year == year && o.Status is ReliefApplicationStatus.Approved or ReliefApplicationStatus.Paid)
            .Aggregate(Yuan.Zero, (sum, o) => sum + o.Amount);
        var standing = program.RequiresModelWorkerRegistry
            ? StandingOf(await modelWorkers.StatusOfAsync(application.Details.Applicant.NationalId, cancellationToken))
            : ModelWorkerStanding.NotRegistered;
        var decision = EligibilityRules.Evaluate(new EligibilityInput(program, application.Details,
            [.. others.Where(o => o.Status.IsOpen()).Select(o => o.ApplicationId)], granted, standing));
        logger.LogInformation("Relief application {ApplicationId} eligibility: {Outcome}", application.ApplicationId,
            decision.Refusal?.Code ?? (decision.IsDeepHardship ? "eligible (deep hardship)" : "eligible"));
        return decision;
    }

    private static ModelWorkerStanding StandingOf(RecordStatus? status) => status switch
    {
        null => ModelWorkerStanding.NotRegistered,
        RecordStatus.Active => ModelWorkerStanding.Active,
        RecordStatus.Revoked => ModelWorkerStanding.Revoked,
        RecordStatus.Deceased => ModelWorkerStanding.Deceased,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The one instruction per application (a rerun finds it), then the hold turned into spending (a rerun finds it spent).</summary>
    private async Task<string> CreatePaymentAsync(ReliefApprovalState state, StoredApplication application, CancellationToken cancellationToken)
    {
        var payment = await payments.CreateOnceAsync(PaymentInstruction.Create(state, application.Details, clock.GetUtcNow()), cancellationToken);
        if (settings.Value.HangAfterPaymentStored)
        {
            logger.LogWarning("Payment instruction {PaymentId} stored; hanging before the budget is spent (fault injection)", payment.PaymentId);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        var spent = await budgets.SpendAsync(state.Budget, state.HoldId, cancellationToken);
        if (spent is not (BudgetOutcome.Applied or BudgetOutcome.AlreadyApplied))
            logger.LogError("Payment {PaymentId}: spending hold {HoldId} of {Budget} answered {Outcome}", payment.PaymentId, state.HoldId, state.Budget, spent);
        logger.LogInformation("Payment instruction {PaymentId} of {Amount} for {InstructedOn}", payment.PaymentId, payment.Amount, payment.InstructedOn);
        return payment.PaymentId;
    }

    private async Task<StoredApplication> RequireAsync(string applicationId, CancellationToken cancellationToken) =>
        await applications.GetForStepAsync(applicationId, cancellationToken)
        ?? throw new InvalidOperationException($"Relief application {applicationId} is not stored.");
}
