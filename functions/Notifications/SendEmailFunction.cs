using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Notifications;

/// <summary>
/// Delivers queued e-mails over SMTP, once per key. A failure leaves the message on the queue: the host retries it
/// after the visibility timeout and moves it to notifications-poison after maxDequeueCount attempts.
/// </summary>
public sealed class SendEmailFunction(EmailDeliveryLog deliveries, SmtpEmailSender sender, ILogger<SendEmailFunction> logger)
{
    [Function("SendEmail")]
    public async Task Run([QueueTrigger(EmailOutbox.QueueName, Connection = "AzureWebJobsStorage")] EmailMessage email, string id, long dequeueCount,
        CancellationToken cancellationToken)
    {
        switch (await deliveries.ClaimAsync(email.Key, id, cancellationToken))
        {
            case EmailClaim.AlreadySent:
                logger.LogInformation("E-mail {Key} was sent before; dropping the duplicate message", email.Key);
                return;
            case EmailClaim.HeldByAnotherMessage:
                logger.LogInformation("E-mail {Key} is being sent by another message; dropping this duplicate", email.Key);
                return;
        }
        await sender.SendAsync(email, cancellationToken);
        await deliveries.RecordSentAsync(email.Key, cancellationToken);
        logger.LogInformation("E-mail {Key} handed to SMTP (attempt {Attempt})", email.Key, dequeueCount);
    }
}
