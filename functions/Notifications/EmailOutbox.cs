using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Notifications;

/// <summary>
/// Where e-mails leave. <see cref="EnqueueAsync"/> puts one on the notifications queue, which
/// <see cref="SendEmailFunction"/> delivers with retries. <see cref="SendAsync"/> hands one to SMTP at once, claimed in
/// the <see cref="EmailDeliveryLog"/> like a queue message would claim it, and queues it only when SMTP fails: for
/// callers that run again until they succeed (activities), where a queue round trip would only add requests and delay.
/// </summary>
public sealed class EmailOutbox(QueueServiceClient queues, EmailDeliveryLog deliveries, SmtpEmailSender sender, ILogger<EmailOutbox> logger)
{
    public const string QueueName = "notifications";

    /// <summary>
    /// Who holds the claim of a direct send. Every direct send of a key claims as the same claimant, so a rerun of the
    /// caller after a crash between claim and SMTP takes the claim over instead of waiting out its lease.
    /// </summary>
    public const string DirectClaimant = "direct";

    /// <summary>How long a direct send waits for SMTP before the mail goes to the queue instead.</summary>
    public static readonly TimeSpan DirectSendTimeout = TimeSpan.FromSeconds(10);

    private readonly QueueClient _queue = queues.GetQueueClient(QueueName);

    public async Task EnqueueAsync(EmailMessage email, CancellationToken cancellationToken = default)
    {
        await _queue.SendMessageAsync(BinaryData.FromObjectAsJson(email),
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Hands the e-mail to SMTP now, once per key. When SMTP fails, the claim is given up and the mail queued, so that
    /// the queue's retries deliver it; a crash before that leaves the claim to the caller's rerun.
    /// </summary>
    public async Task SendAsync(EmailMessage email, CancellationToken cancellationToken = default)
    {
        switch (await deliveries.ClaimAsync(email.Key, DirectClaimant, cancellationToken))
        {
            case EmailClaim.AlreadySent:
                logger.LogInformation("E-mail {Key} was sent before; not sending it again", email.Key);
                return;
            case EmailClaim.HeldByAnotherMessage:
                logger.LogInformation("E-mail {Key} is being sent from the queue; leaving it to that message", email.Key);
                return;
        }
        await HandOverAsync(email, claimed: true, cancellationToken);
    }

    /// <summary>
    /// Hands to SMTP, without claiming its key first, an e-mail that no earlier run can have sent: its caller has just
    /// created what the mail announces (a task row, whose insert a rerun finds taken, so the rerun mails through
    /// <see cref="SendAsync"/>). Recorded sent like any other, and queued when SMTP fails; it saves the claim's write.
    /// </summary>
    public Task SendFirstAsync(EmailMessage email, CancellationToken cancellationToken = default) =>
        HandOverAsync(email, claimed: false, cancellationToken);

    private async Task HandOverAsync(EmailMessage email, bool claimed, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(DirectSendTimeout);
            await sender.SendAsync(email, timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "E-mail {Key} could not be handed to SMTP; queued for retries", email.Key);
            if (claimed)
                await deliveries.ReleaseAsync(email.Key, DirectClaimant, cancellationToken);
            await EnqueueAsync(email, cancellationToken);
            return;
        }
        await deliveries.RecordSentAsync(email.Key, cancellationToken);
        logger.LogInformation("E-mail {Key} handed to SMTP", email.Key);
    }
}
