using Gonghui.Functions.Approvals;
using Gonghui.Functions.Notifications;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief.Services;

public enum ApproverMailKind
{
    Request = 1,
    Reminder,
    Escalation,
}

/// <summary>
/// Relief e-mails, handed to SMTP through the <see cref="EmailOutbox"/> by the activity that decides them: approver
/// mails with a freshly issued link (recorded on the task row before the mail leaves) and unit notifications. Keys
/// make a rerun's mail a duplicate the outbox does not send again.
/// </summary>
public sealed class ReliefMail(EmailOutbox outbox, ApprovalTaskStore tasks, ReliefDirectory directory, ReliefSettingsAccessor settings, TimeProvider clock)
{
    /// <summary>Phone numbers as approvers and units see them.</summary>
    public static string MaskPhone(string phone) => PhoneNumber.TryParse(phone, out var number) ? number.Masked : "****";

    /// <summary>
    /// Opens the task row with a freshly issued link for the task's first mail (one write) and returns the link, and
    /// whether this call created the row (so no earlier run can have mailed the request).
    /// </summary>
    public async Task<OpenedApprovalTask> OpenTaskAsync(string applicationId, ApprovalTask task, Approver recipient, CancellationToken cancellationToken)
    {
        var link = Issue(task, recipient);
        return new(link, await tasks.OpenAsync(applicationId, task, Record(link), cancellationToken));
    }

    /// <summary>Issues a link, records it on the task row, then sends the mail carrying it.</summary>
    public async Task SendApproverMailAsync(ReliefApprovalState state, StoredApplication application, ApprovalTask task, Approver recipient,
        ApproverMailKind kind, CancellationToken cancellationToken)
    {
        var link = Issue(task, recipient);
        await tasks.RecordLinkAsync(state.ApplicationId, task, Record(link), cancellationToken);
        await MailApproverAsync(state, application, task, recipient, kind, link, taskJustOpened: false, cancellationToken);
    }

    /// <summary>
    /// Sends the mail for a link already recorded on the task row; <paramref name="taskJustOpened"/>: this run created
    /// the row, so no earlier run can have sent the mail and the outbox need not claim its key.
    /// </summary>
    public async Task MailApproverAsync(ReliefApprovalState state, StoredApplication application, ApprovalTask task, Approver recipient,
        ApproverMailKind kind, IssuedApprovalLink link, bool taskJustOpened, CancellationToken cancellationToken)
    {
        var model = new ApprovalEmailModel(recipient.Name, ReliefCaseSummary.Build(state, application.Details, MaskPhone),
            ReliefCaseSummary.Step(state), settings.Value.ApprovalLinkUrl(link.Token), link.Claims.ExpiresAt);
        var email = kind switch
        {
            ApproverMailKind.Request => ApprovalEmails.ApprovalRequest(model),
            ApproverMailKind.Reminder => ApprovalEmails.Reminder(model, state.Timing.ReminderAfterWorkingDays),
            _ => ApprovalEmails.Escalation(model, task.Approver.Name, state.Timing.EscalationAfterWorkingDays),
        };
        var message = new EmailMessage($"relief/{task.TaskId}/{recipient.Id}/{kind}".ToLowerInvariant(),
            recipient.Email, email.Subject, email.TextBody, email.HtmlBody);
        await (taskJustOpened ? outbox.SendFirstAsync(message, cancellationToken) : outbox.SendAsync(message, cancellationToken));
    }

    public async Task SendUnitMailAsync(ReliefApprovalState state, StoredApplication application, NotifyApplicantUnit notify, CancellationToken cancellationToken)
    {
        var unit = await directory.FindUnitAsync(application.Unit, cancellationToken)
            ?? new UnitContact(application.Unit, settings.Value.DefaultUnitEmail);
        var email = ReliefUnitNotification.Render(state, notify.Event, application.Details, unit.Name);
        await outbox.SendAsync(new EmailMessage($"relief/{state.ApplicationId}/unit/{notify.HistoryIndex}",
            unit.Email, email.Subject, email.TextBody, email.HtmlBody), cancellationToken);
    }

    private IssuedApprovalLink Issue(ApprovalTask task, Approver recipient)
    {
        var now = clock.GetUtcNow();
        return settings.Tokens.Issue(task.TaskId, recipient.Id, now, task.ExpiresAt > now ? task.ExpiresAt : now.AddDays(1));
    }

    private static IssuedLinkRecord Record(IssuedApprovalLink link) => new(link.Claims.Nonce, link.Claims.ApproverId, link.Claims.IssuedAt);
}
