using System.Text.Json.Serialization;
using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// Something the orchestration must do after a workflow step, usually through an activity.
/// Activities run at least once, so each names the key that makes it idempotent.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(CheckEligibility), "check_eligibility")]
[JsonDerivedType(typeof(ReserveBudget), "reserve_budget")]
[JsonDerivedType(typeof(ReleaseBudget), "release_budget")]
[JsonDerivedType(typeof(OpenApprovalTask), "open_approval_task")]
[JsonDerivedType(typeof(SendApprovalRequest), "send_approval_request")]
[JsonDerivedType(typeof(SendReminder), "send_reminder")]
[JsonDerivedType(typeof(SendEscalation), "send_escalation")]
[JsonDerivedType(typeof(CloseApprovalTask), "close_approval_task")]
[JsonDerivedType(typeof(CreatePaymentInstruction), "create_payment_instruction")]
[JsonDerivedType(typeof(NotifyApplicantUnit), "notify_applicant_unit")]
public abstract record ReliefEffect;

/// <summary>Gather an <see cref="EligibilityInput"/>, evaluate it, feed the result to <see cref="ReliefApprovalWorkflow.RecordEligibility"/>.</summary>
public sealed record CheckEligibility : ReliefEffect;

/// <summary>Reserve via <see cref="BudgetLedger.Reserve"/> keyed by <paramref name="HoldId"/>; feed the outcome to <see cref="ReliefApprovalWorkflow.RecordReservation"/>.</summary>
public sealed record ReserveBudget(BudgetKey Budget, string HoldId, Yuan Amount) : ReliefEffect;

/// <summary>Release via <see cref="BudgetLedger.Release"/>; a repeat is a no-op.</summary>
public sealed record ReleaseBudget(BudgetKey Budget, string HoldId) : ReliefEffect;

/// <summary>Look up the approver and deputy of <paramref name="Level"/> for <paramref name="RegionCode"/>, then call <see cref="ReliefApprovalWorkflow.OpenTask"/>.</summary>
public sealed record OpenApprovalTask(string TaskId, ApprovalLevel Level, string RegionCode) : ReliefEffect;

/// <summary>Store the task, issue a link for the approver and e-mail it (idempotent by task id and approver id).</summary>
public sealed record SendApprovalRequest(ApprovalTask Task, Approver Recipient) : ReliefEffect;

public sealed record SendReminder(ApprovalTask Task, Approver Recipient) : ReliefEffect;

/// <summary>Issue a link for the deputy and e-mail it; the approver's link stays valid.</summary>
public sealed record SendEscalation(ApprovalTask Task, Approver Deputy) : ReliefEffect;

/// <summary>Mark the task closed in the store so its remaining links show what happened.</summary>
public sealed record CloseApprovalTask(string TaskId, ReliefEventKind Reason) : ReliefEffect;

/// <summary>Create the one payment instruction (keyed by application id) and spend the hold, then call <see cref="ReliefApprovalWorkflow.RecordPayment"/>.</summary>
public sealed record CreatePaymentInstruction(BudgetKey Budget, string HoldId, Yuan Amount) : ReliefEffect;

/// <summary>E-mail the applicant's handling unit about <paramref name="Event"/> (idempotent by application id and history position).</summary>
public sealed record NotifyApplicantUnit(ReliefHistoryEntry Event, int HistoryIndex) : ReliefEffect;
