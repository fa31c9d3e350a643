using Gonghui.Durable;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Money;
using Gonghui.Functions.Relief;
using Gonghui.Hosting.Functions;
using Microsoft.Extensions.Logging;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.ReliefService;

/// <summary>
/// The one activity of <see cref="ReliefApprovalOrchestration"/>: save the step's state (the projection GET reads),
/// carry out its effects in order, and answer the last one if it asks a question. One activity per step keeps the
/// durable round trips per decision to two. It runs at least once, so every effect is idempotent by natural keys:
/// budget holds by hold id, task rows by task id, payments by application id, e-mails by application, task,
/// recipient and purpose.
/// </summary>
public sealed class ReliefActivities(
    ApplicationStore applications,
    BudgetStore budgets,
    ApprovalTaskStore tasks,
    PaymentStore payments,
    ReliefDirectory directory,
    ReliefMail mail,
    ReliefSettingsAccessor settings,
    TimeProvider clock,
    ILogger<ReliefActivities> logger)
{
    public const string ApplyEffectsName = "ReliefApplyEffects";

    [Function(ApplyEffectsName)]
    public async Task<ReliefEffectAnswer> ApplyEffects([ActivityTrigger] ReliefEffectBatch batch, CancellationToken cancellationToken)
    {
        var state = batch.State;
        // The task row exists before the saved state says the task is open, so a decision never finds the one without the other.
        foreach (var request in batch.Effects.OfType<SendApprovalRequest>())
            await tasks.EnsureOpenAsync(state.ApplicationId, request.Task, cancellationToken);
        await applications.SaveStateAsync(state, batch.Sequence, cancellationToken);
        StoredApplication? application = null;
        async Task<StoredApplication> Application() => application ??= await RequireAsync(state.ApplicationId, cancellationToken);
        var answer = new ReliefEffectAnswer();
        foreach (var effect in batch.Effects)
        {
            switch (effect)
            {
                case CheckEligibility:
                    answer = new(Eligibility: await CheckEligibilityAsync(await Application(), batch.Program
                        ?? throw new InvalidOperationException("Eligibility needs the program."), cancellationToken));
                    break;
                case ReserveBudget reserve:
                    var reserved = await budgets.ReserveAsync(reserve.Budget, reserve.HoldId, reserve.Amount, cancellationToken);
                    logger.LogInformation("Budget {Budget} reservation {HoldId} of {Amount}: {Outcome}", reserve.Budget, reserve.HoldId, reserve.Amount, reserved);
                    answer = new(Reservation: reserved);
                    break;
                case ReleaseBudget release:
                    var released = await budgets.ReleaseAsync(release.Budget, release.HoldId, cancellationToken);
                    logger.LogInformation("Budget {Budget} hold {HoldId} released: {Outcome}", release.Budget, release.HoldId, released);
                    break;
                case OpenApprovalTask open:
                    answer = new(Approvers: await directory.FindApproversAsync(open.Level, open.RegionCode, cancellationToken)
                        ?? throw new InvalidOperationException($"No {WireName<ApprovalLevel>.Of(open.Level)} approvers for region {open.RegionCode}: " +
                            $"set them with PUT /api/relief/approvers/{open.RegionCode}/{WireName<ApprovalLevel>.Of(open.Level)}."));
                    break;
                case SendApprovalRequest request:
                    await mail.SendApproverMailAsync(state, await Application(), request.Task, request.Recipient, ApproverMailKind.Request, cancellationToken);
                    break;
                case SendReminder reminder:
                    await mail.SendApproverMailAsync(state, await Application(), reminder.Task, reminder.Recipient, ApproverMailKind.Reminder, cancellationToken);
                    break;
                case SendEscalation escalation:
                    await mail.SendApproverMailAsync(state, await Application(), escalation.Task, escalation.Deputy, ApproverMailKind.Escalation, cancellationToken);
                    break;
                case CloseApprovalTask close:
                    var closing = state.History.Last(entry => entry.Kind == close.Reason && (close.Reason == ReliefEventKind.Withdrawn || entry.TaskId == close.TaskId));
                    await tasks.CloseAsync(close.TaskId, ReliefApprovalLink.Conclusion(closing), cancellationToken);
                    break;
                case CreatePaymentInstruction:
                    answer = new(PaymentId: await CreatePaymentAsync(state, await Application(), cancellationToken));
                    break;
                case NotifyApplicantUnit notify:
                    await mail.SendUnitMailAsync(state, await Application(), notify, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"No handling for {effect.GetType().Name}.");
            }
        }
        return answer;
    }

    private async Task<EligibilityDecision> CheckEligibilityAsync(StoredApplication application, ReliefProgram program, CancellationToken cancellationToken)
    {
        var year = ChinaStandardTime.ToLocalDate(application.SubmittedAt).Year;
        var others = await applications.FindByPersonAsync(settings.Value.NationalIdHasher.Hash(application.Details.Applicant.NationalId),
            program.Code, application.ApplicationId, cancellationToken);
        var granted = others.Where(o => o.Year == year && o.Status is ReliefApplicationStatus.Approved or ReliefApplicationStatus.Paid)
            .Aggregate(Yuan.Zero, (sum, o) => sum + o.Amount);
        var decision = EligibilityRules.Evaluate(new EligibilityInput(program, application.Details,
            [.. others.Where(o => o.Status.IsOpen()).Select(o => o.ApplicationId)], granted, InModelWorkerRegistry: false));
        logger.LogInformation("Relief application {ApplicationId} eligibility: {Outcome}", application.ApplicationId,
            decision.Refusal?.Code ?? (decision.IsDeepHardship ? "eligible (deep hardship)" : "eligible"));
        return decision;
    }

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
        await applications.GetAsync(applicationId, cancellationToken)
        ?? throw new InvalidOperationException($"Relief application {applicationId} is not stored.");
}
