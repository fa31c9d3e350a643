using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Triggers;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Notifications;

/// <summary>
/// Delivers queued e-mails over SMTP. A failure leaves the message on the queue: the host retries it after the
/// visibility timeout and moves it to notifications-poison after maxDequeueCount attempts.
/// </summary>
public sealed class SendEmailFunction(EmailDeliveryLog deliveries, SmtpEmailSender sender, ILogger<SendEmailFunction> logger)
{
    [Function("SendEmail")]
    public async Task Run([QueueTrigger(EmailOutbox.QueueName)] EmailMessage email, long dequeueCount, CancellationToken cancellationToken)
    {
        if (await deliveries.WasSentAsync(email.Key, cancellationToken))
        {
            logger.LogInformation("E-mail {Key} was sent before; skipping the redelivered message", email.Key);
            return;
        }
        await sender.SendAsync(email, cancellationToken);
        await deliveries.RecordSentAsync(email.Key, cancellationToken);
        logger.LogInformation("E-mail {Key} handed to SMTP (attempt {Attempt})", email.Key, dequeueCount);
    }
}
