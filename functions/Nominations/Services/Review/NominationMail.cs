using Gonghui.Functions.Approvals;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Notifications;

namespace Gonghui.Functions.Nominations.Services.Review;

/// <summary>
/// The review's e-mails through the <see cref="EmailOutbox"/>: each reviewer's request and reminder with a freshly
/// issued signed link (recorded on the task row before the mail leaves), and the nominating union's notices. Keys
/// make an activity rerun's mail a duplicate the outbox does not send again.
/// </summary>
public sealed class NominationMail(EmailOutbox outbox, ReviewTaskStore tasks, ReviewerDirectory directory, NominationReviewSettings settings, TimeProvider clock)
{
    /// <summary>
    /// Opens the task row with a link per reviewer (one write) and returns the links by reviewer id, and whether this
    /// call created the row (so no earlier run can have mailed the requests).
    /// </summary>
    public async Task<OpenedReviewTask> OpenTaskAsync(NominationReviewState state, ReviewTask task, CancellationToken cancellationToken)
    {
        var links = task.Reviewers.ToDictionary(reviewer => reviewer.Id, reviewer => Issue(task, reviewer));
        return new(links, await tasks.OpenAsync(state.CampaignId, state.NominationId, task.TaskId, [.. links.Values.Select(Record)], cancellationToken));
    }

    public async Task SendRequestsAsync(Campaign campaign, NominationReviewState state, NominationDetails details, SendReviewRequest request,
        OpenedReviewTask opened, CancellationToken cancellationToken)
    {
        foreach (var reviewer in request.Task.Reviewers)
            await MailAsync(campaign, state, details, request.Task, reviewer, opened.Links[reviewer.Id], "request", request.Note,
                taskJustOpened: opened.Created, cancellationToken);
    }

    /// <summary>Issues each reviewer a fresh link, records them, then mails the reminders.</summary>
    public async Task SendRemindersAsync(Campaign campaign, NominationReviewState state, NominationDetails details, ReviewTask task,
        CancellationToken cancellationToken)
    {
        var links = task.Reviewers.ToDictionary(reviewer => reviewer.Id, reviewer => Issue(task, reviewer));
        await tasks.AddLinksAsync(task.TaskId, [.. links.Values.Select(Record)], cancellationToken);
        foreach (var reviewer in task.Reviewers)
            await MailAsync(campaign, state, details, task, reviewer, links[reviewer.Id], "reminder", null, taskJustOpened: false, cancellationToken);
    }

    public async Task NotifyUnionAsync(Campaign campaign, NominationReviewState state, string nomineeName, NotifyNominatingUnion notify,
        CancellationToken cancellationToken)
    {
        var union = await directory.FindUnionAsync(state.UnionId, cancellationToken) ?? new UnionContact(state.UnionId, settings.DefaultUnionEmail);
        var email = UnionNotice.Render(campaign, state, notify.Event, nomineeName, union.Name);
        await outbox.SendAsync(new EmailMessage($"nominations/{state.NominationId}/union/{notify.HistoryIndex}", union.Email,
            email.Subject, email.TextBody, email.HtmlBody), cancellationToken);
    }

    /// <summary>
    /// Mails a reviewer a link already recorded on the task row; <paramref name="taskJustOpened"/>: this run created the
    /// row, so no earlier run can have sent the mail and the outbox need not claim its key.
    /// </summary>
    private async Task MailAsync(Campaign campaign, NominationReviewState state, NominationDetails details, ReviewTask task, Reviewer reviewer,
        IssuedApprovalLink link, string purpose, string? note, bool taskJustOpened, CancellationToken cancellationToken)
    {
        var model = new ApprovalEmailModel(reviewer.Name, NominationCaseSummary.Build(campaign, state, details, note), NominationCaseSummary.Step(state),
            settings.ReviewLinkUrl(link.Token), link.Claims.ExpiresAt);
        var email = purpose == "reminder"
            ? ApprovalEmails.Reminder(model, state.Timing.ReminderAfterWorkingDays)
            : ApprovalEmails.ApprovalRequest(model);
        var message = new EmailMessage($"nominations/{task.TaskId}/{reviewer.Id}/{purpose}".ToLowerInvariant(), reviewer.Email,
            email.Subject, email.TextBody, email.HtmlBody);
        await (taskJustOpened ? outbox.SendFirstAsync(message, cancellationToken) : outbox.SendAsync(message, cancellationToken));
    }

    private IssuedApprovalLink Issue(ReviewTask task, Reviewer reviewer)
    {
        var now = clock.GetUtcNow();
        return settings.Tokens.Issue(task.TaskId, reviewer.Id, now, now + NominationReviewSettings.LinkLifetime);
    }

    private static IssuedLinkRecord Record(IssuedApprovalLink link) => new(link.Claims.Nonce, link.Claims.ApproverId, link.Claims.IssuedAt);
}
