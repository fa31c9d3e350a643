using Gonghui.Functions.Money;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief.Services;

public sealed record ApplicantView(string MemberId, string Name, string NationalId, string RegionCode, string Employer);

public sealed record PaymentView(string PaymentId, Yuan Amount, DateOnly InstructedOn);

/// <summary>GET /api/relief/applications/{id}: the step, who it waits on until when, every decision with its comment, the payment. Personal data masked.</summary>
public sealed record ReliefApplicationView(
    string ApplicationId,
    string ProgramCode,
    Yuan Amount,
    ApplicantView Applicant,
    string? SourceTicketId,
    ReliefApplicationStatus Status,
    string Sentence,
    ApprovalLevel? Level,
    int? LevelNumber,
    int LevelCount,
    IReadOnlyList<WaitingOn> WaitingOn,
    DateTimeOffset? Until,
    IReadOnlyList<ReliefHistoryEntry> Decisions,
    IReadOnlyList<ReliefHistoryEntry> History,
    EligibilityRefusal? Refusal,
    PaymentView? Payment)
{
    public static ReliefApplicationView From(StoredApplication application, PaymentInstruction? payment)
    {
        var details = application.Details;
        var applicant = new ApplicantView(details.Applicant.MemberId, details.Applicant.Name, NationalId.Mask(details.Applicant.NationalId),
            details.Applicant.RegionCode, details.Applicant.Employer);
        var paymentView = payment is null ? null : new PaymentView(payment.PaymentId, payment.Amount, payment.InstructedOn);
        if (application.State is not { } state)
            return new(application.ApplicationId, details.ProgramCode, details.RequestedAmount, applicant, details.SourceTicketId,
                ReliefApplicationStatus.Submitted, "已提交，正在审核申请条件。", null, null, 0, [], null, [], [], null, paymentView);
        var view = ReliefStatusView.Describe(state);
        return new(application.ApplicationId, details.ProgramCode, details.RequestedAmount, applicant, details.SourceTicketId,
            state.Status, view.Sentence, view.Level, view.LevelNumber, view.LevelCount, view.WaitingOn, view.Until,
            [.. state.Decisions], state.History, state.Refusal, paymentView);
    }
}
