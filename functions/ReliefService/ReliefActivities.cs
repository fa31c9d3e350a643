using Gonghui.Durable;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Money;
using Gonghui.Functions.Notifications;
using Gonghui.Functions.Relief;
using Gonghui.Hosting.Functions;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.ReliefService;

/// <summary>
/// The activities of <see cref="ReliefApprovalOrchestration"/>. They run at least once, so each is idempotent by
/// natural keys: budget holds by hold id, task rows by task id, payments by application id, e-mails by a key of
/// application, task, recipient and purpose.
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
    public const string CheckEligibilityName = "ReliefCheckEligibility";
    public const string ReserveBudgetName = "ReliefReserveBudget";
    public const string FindApproversName = "ReliefFindApprovers";
    public const string CreatePaymentName = "ReliefCreatePayment";

    [Function(CheckEligibilityName)]
    public async Task<EligibilityDecision> CheckEligibility([ActivityTrigger] EligibilityRequest request, CancellationToken cancellationToken)
    {
        var application = await RequireAsync(request.ApplicationId, cancellationToken);
        var year = ChinaTime.Today(application.SubmittedAt).Year;
        var others = await applications.FindByPersonAsync(settings.Value.NationalIdHasher.Hash(application.Details.Applicant.NationalId),
            request.Program.Code, request.ApplicationId, cancellationToken);
        var granted = others.Where(o => o.Year == year && o.Status is ReliefApplicationStatus.Approved or ReliefApplicationStatus.Paid)
            .Aggregate(Yuan.Zero, (sum, o) => sum + o.Amount);
        var decision = EligibilityRules.Evaluate(new EligibilityInput(request.Program, application.Details,
            [.. others.Where(o => o.Status.IsOpen()).Select(o => o.ApplicationId)], granted, InModelWorkerRegistry: false));
        logger.LogInformation("Relief application {ApplicationId} eligibility: {Outcome}", request.ApplicationId,
            decision.Refusal?.Code ?? (decision.IsDeepHardship ? "eligible (deep hardship)" : "eligible"));
        return decision;
    }

    [Function(ReserveBudgetName)]
    public async Task<BudgetOutcome> ReserveBudget([ActivityTrigger] ReserveBudget reserve, CancellationToken cancellationToken)
    {
        var outcome = await budgets.ReserveAsync(reserve.Budget, reserve.HoldId, reserve.Amount, cancellationToken);
        logger.LogInformation("Budget {Budget} reservation {HoldId} of {Amount}: {Outcome}", reserve.Budget, reserve.HoldId, reserve.Amount, outcome);
        return outcome;
    }

    [Function(FindApproversName)]
    public async Task<LevelApprovers> FindApprovers([ActivityTrigger] OpenApprovalTask open, CancellationToken cancellationToken) =>
        await directory.FindApproversAsync(open.Level, open.RegionCode, cancellationToken)
        ?? throw new InvalidOperationException(
            $"No {WireName<ApprovalLevel>.Of(open.Level)} approvers for region {open.RegionCode}: set them with PUT /api/relief/approvers/{open.RegionCode}/{WireName<ApprovalLevel>.Of(open.Level)}.");

    [Function(CreatePaymentName)]
    public async Task<string> CreatePayment([ActivityTrigger] PaymentRequest request, CancellationToken cancellationToken)
    {
        var state = request.State;
        var application = await RequireAsync(state.ApplicationId, cancellationToken);
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

    /// <summary>Saves the state (the projection GET reads), then carries out the step's effects in order.</summary>
    [Function(ApplyEffectsName)]
    public async Task ApplyEffects([ActivityTrigger] ReliefEffectBatch batch, CancellationToken cancellationToken)
    {
        var state = batch.State;
        await applications.SaveStateAsync(state, cancellationToken);
        StoredApplication? application = null;
        async Task<StoredApplication> Application() => application ??= await RequireAsync(state.ApplicationId, cancellationToken);
        foreach (var effect in batch.Effects)
        {
            switch (effect)
            {
                case ReleaseBudget release:
                    var released = await budgets.ReleaseAsync(release.Budget, release.HoldId, cancellationToken);
                    logger.LogInformation("Budget {Budget} hold {HoldId} released: {Outcome}", release.Budget, release.HoldId, released);
                    break;
                case SendApprovalRequest request:
                    await tasks.EnsureOpenAsync(state.ApplicationId, request.Task, cancellationToken);
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
                case NotifyApplicantUnit notify:
                    await mail.SendUnitMailAsync(state, await Application(), notify, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"{effect.GetType().Name} is not carried out here.");
            }
        }
    }

    private async Task<StoredApplication> RequireAsync(string applicationId, CancellationToken cancellationToken) =>
        await applications.GetAsync(applicationId, cancellationToken)
        ?? throw new InvalidOperationException($"Relief application {applicationId} is not stored.");
}
