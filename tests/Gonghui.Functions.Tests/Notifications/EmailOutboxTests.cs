using Azure.Data.Tables;
using Azure.Storage.Queues;
using Gonghui.Functions.Notifications;
using Gonghui.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gonghui.Functions.Tests.Notifications;

/// <summary>
/// Direct sends (<see cref="EmailOutbox.SendAsync"/>): once per key, taken over after a crash, queued when SMTP fails; and
/// first sends (<see cref="EmailOutbox.SendFirstAsync"/>), which skip the claim and are still once per key.
/// </summary>
public sealed class EmailOutboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private MaildevServer _maildev = null!;
    private TableServiceClient _tables = null!;
    private QueueServiceClient _queues = null!;

    public async Task InitializeAsync()
    {
        _maildev = await MaildevServer.StartAsync();
        _tables = azurite.Server.CreateTableServiceClient();
        _queues = azurite.Server.CreateQueueServiceClient();
    }

    public async Task DisposeAsync() => await _maildev.DisposeAsync();

    private EmailDeliveryLog Deliveries => new(_tables, TimeProvider.System);

    private EmailOutbox CreateOutbox(int smtpPort) => new(_queues, Deliveries, Sender(smtpPort), NullLogger<EmailOutbox>.Instance);

    private static SmtpEmailSender Sender(int smtpPort) => new(Options.Create(new SmtpSettings { Host = "127.0.0.1", Port = smtpPort }));

    private static EmailMessage NewEmail(string purpose) =>
        new($"{purpose}/{Guid.NewGuid():N}", "approver@example.org", $"{purpose} {Guid.NewGuid():N}", "请审批。");

    private async Task<int> CountAsync(EmailMessage email) => (await _maildev.GetEmailsAsync()).Count(m => m.Subject == email.Subject);

    [Fact]
    public async Task A_direct_send_reaches_smtp_once_however_often_its_caller_reruns()
    {
        var outbox = CreateOutbox(_maildev.SmtpPort);
        var email = NewEmail("direct");

        await outbox.SendAsync(email);
        await outbox.SendAsync(email);

        // Both sends have returned, so every hand-over is done; maildev stores in order, so once a later e-mail is in,
        // a second copy would be too.
        var later = NewEmail("later");
        await outbox.SendAsync(later);
        await _maildev.WaitForEmailAsync(m => m.Subject == later.Subject);
        Assert.Equal(1, await CountAsync(email));
        Assert.True(await Deliveries.WasSentAsync(email.Key, CancellationToken.None));
        Assert.DoesNotContain(await QueuedAsync(), queued => queued.Key == email.Key);
    }

    [Fact]
    public async Task A_direct_claim_left_by_a_crash_before_smtp_is_taken_over_by_the_rerun()
    {
        var email = NewEmail("crash");
        // The first run claimed the key and died before handing the mail to SMTP.
        Assert.Equal(EmailClaim.Claimed, await Deliveries.ClaimAsync(email.Key, EmailOutbox.DirectClaimant, CancellationToken.None));

        await CreateOutbox(_maildev.SmtpPort).SendAsync(email);

        await _maildev.WaitForEmailAsync(m => m.Subject == email.Subject);
        Assert.True(await Deliveries.WasSentAsync(email.Key, CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_smtp_fails_the_mail_is_queued_with_no_claim_held_and_the_queue_delivers_it_once(bool firstSend)
    {
        var email = NewEmail(firstSend ? "first-fallback" : "fallback");
        var outbox = CreateOutbox(FreePort.Next());

        await (firstSend ? outbox.SendFirstAsync(email) : outbox.SendAsync(email));

        Assert.False(await Deliveries.WasSentAsync(email.Key, CancellationToken.None));
        var (queued, messageId) = Assert.Single(await QueuedWithIdsAsync(), entry => entry.Email.Key == email.Key);
        Assert.Equal(email, queued);
        var function = new SendEmailFunction(Deliveries, Sender(_maildev.SmtpPort), NullLogger<SendEmailFunction>.Instance);
        await function.Run(queued, messageId, dequeueCount: 1, CancellationToken.None);
        await function.Run(queued, messageId, dequeueCount: 2, CancellationToken.None);
        await _maildev.WaitForEmailAsync(m => m.Subject == email.Subject);
        Assert.Equal(1, await CountAsync(email));
    }

    [Fact]
    public async Task A_mail_a_queue_message_is_sending_is_left_to_that_message()
    {
        var email = NewEmail("held");
        Assert.Equal(EmailClaim.Claimed, await Deliveries.ClaimAsync(email.Key, "message-1", CancellationToken.None));

        await CreateOutbox(_maildev.SmtpPort).SendAsync(email);

        Assert.False(await Deliveries.WasSentAsync(email.Key, CancellationToken.None));
        Assert.Equal(0, await CountAsync(email));
        Assert.Equal(EmailClaim.Claimed, await Deliveries.ClaimAsync(email.Key, "message-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_first_send_reaches_smtp_once_and_a_rerun_through_the_claim_finds_it_sent()
    {
        var outbox = CreateOutbox(_maildev.SmtpPort);
        var email = NewEmail("first");

        await outbox.SendFirstAsync(email);
        Assert.Equal(EmailClaim.AlreadySent, await Deliveries.ClaimAsync(email.Key, EmailOutbox.DirectClaimant, CancellationToken.None));
        await outbox.SendAsync(email);

        var later = NewEmail("later");
        await outbox.SendAsync(later);
        await _maildev.WaitForEmailAsync(m => m.Subject == later.Subject);
        Assert.Equal(1, await CountAsync(email));
        Assert.DoesNotContain(await QueuedAsync(), queued => queued.Key == email.Key);
    }

    private async Task<List<EmailMessage>> QueuedAsync() => [.. (await QueuedWithIdsAsync()).Select(entry => entry.Email)];

    /// <summary>Takes every visible message off the notifications queue (this class's own Azurite).</summary>
    private async Task<List<(EmailMessage Email, string MessageId)>> QueuedWithIdsAsync()
    {
        var queue = _queues.GetQueueClient(EmailOutbox.QueueName);
        var found = new List<(EmailMessage, string)>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
            found.AddRange(messages.Select(m => (m.Body.ToObjectFromJson<EmailMessage>()!, m.MessageId)));
        return found;
    }
}
