using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gonghui.Functions.Notifications;
using Gonghui.Testing;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gonghui.Functions.Tests.Notifications;

/// <summary>
/// <see cref="SmtpEmailSender"/> over MailKit against maildev: what arrives (UTF-8 Chinese, HTML alternative, the key's
/// Message-ID), connections reused across e-mails, and a refused login that leaves the e-mail to be retried.
/// </summary>
public sealed class MailKitSmtpTests(MailKitSmtpFixture servers) : IClassFixture<MailKitSmtpFixture>
{
    private const string User = MailKitSmtpFixture.User;
    private const string Password = MailKitSmtpFixture.Password;

    private MaildevServer Maildev => servers.Maildev;
    private MaildevServer MaildevWithLogin => servers.MaildevWithLogin;
    private AzuriteServer Azurite => servers.Azurite;

    private static SmtpEmailSender Sender(int port, string? user = null, string? password = null, int maxConnections = 4,
        ILogger<SmtpEmailSender>? logger = null) =>
        new(Options.Create(new SmtpSettings
        {
            Host = "127.0.0.1", Port = port, Security = SecureSocketOptions.None, UserName = user, Password = password,
            MaxConnections = maxConnections, TimeoutSeconds = 10,
        }), logger);

    private static EmailMessage NewEmail(string purpose, string? html = null) =>
        new($"{purpose}/{Guid.NewGuid():N}", "unit@example.org", $"工单提醒：{purpose} {Guid.NewGuid():N}",
            "您好，请于三个工作日内办结。", html);

    private static string ExpectedMessageId(string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32].ToLowerInvariant() + "@gonghui.local";

    [Fact]
    public async Task Chinese_subject_text_and_html_arrive_as_utf8_with_the_message_id_of_the_key()
    {
        await using var sender = Sender(Maildev.SmtpPort);
        var email = NewEmail("utf8", "<p>您好，请于<b>三个工作日</b>内办结。</p>");

        await sender.SendAsync(email, CancellationToken.None);

        var received = await Maildev.WaitForEmailAsync(m => m.Subject == email.Subject);
        Assert.Equal("unit@example.org", Assert.Single(received.To!).Address);
        Assert.Equal("12351@gonghui.local", Assert.Single(received.From!).Address);
        Assert.Equal("工会服务平台", received.From![0].Name);
        Assert.Equal("您好，请于三个工作日内办结。", received.Text?.Trim());
        Assert.Contains("<b>三个工作日</b>", received.Html);
        Assert.Equal(ExpectedMessageId(email.Key), received.MessageId?.Trim('<', '>'));
        var source = await Maildev.GetSourceAsync(received.Id);
        Assert.Contains("multipart/alternative", source);
        Assert.Contains("charset=utf-8", source, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Subject: =?utf-8?", source, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_send_of_one_key_carries_the_same_message_id()
    {
        await using var sender = Sender(Maildev.SmtpPort);
        var email = NewEmail("repeat");

        await sender.SendAsync(email, CancellationToken.None);
        await sender.SendAsync(email with { Subject = email.Subject + " 重发" }, CancellationToken.None);

        var first = await Maildev.WaitForEmailAsync(m => m.Subject == email.Subject);
        var second = await Maildev.WaitForEmailAsync(m => m.Subject == email.Subject + " 重发");
        Assert.Equal(ExpectedMessageId(email.Key), first.MessageId?.Trim('<', '>'));
        Assert.Equal(first.MessageId, second.MessageId);
    }

    [Fact]
    public async Task A_batch_goes_over_the_connections_already_open()
    {
        var logger = new ConnectionCounter();
        await using var sender = Sender(Maildev.SmtpPort, maxConnections: 2, logger: logger);
        var batch = Enumerable.Range(0, 6).Select(i => NewEmail($"batch{i}")).ToList();

        foreach (var email in batch.Take(3))
            await sender.SendAsync(email, CancellationToken.None);
        Assert.Equal(1, logger.Opened);
        await Task.WhenAll(batch.Skip(3).Select(email => sender.SendAsync(email, CancellationToken.None)));

        foreach (var email in batch)
            await Maildev.WaitForEmailAsync(m => m.Subject == email.Subject);
        Assert.InRange(logger.Opened, 1, 2);
    }

    [Fact]
    public async Task A_connection_the_server_closed_while_idle_is_replaced_and_the_mail_still_goes_out()
    {
        var restarting = await MaildevServer.StartAsync();
        var port = restarting.SmtpPort;
        var logger = new ConnectionCounter();
        await using var sender = Sender(port, logger: logger);
        var before = NewEmail("before-restart");
        await sender.SendAsync(before, CancellationToken.None);
        await restarting.WaitForEmailAsync(m => m.Subject == before.Subject);

        // The server goes away with the pooled connection, and comes back on the same port.
        await restarting.DisposeAsync();
        await using var restarted = await MaildevServer.StartAsync(smtpPort: port);
        var after = NewEmail("after-restart");
        await sender.SendAsync(after, CancellationToken.None);

        await restarted.WaitForEmailAsync(m => m.Subject == after.Subject);
        Assert.Equal(2, logger.Opened);
    }

    [Fact]
    public async Task A_server_that_demands_a_login_takes_mail_from_the_configured_user()
    {
        await using var sender = Sender(MaildevWithLogin.SmtpPort, User, Password);
        var email = NewEmail("login");

        await sender.SendAsync(email, CancellationToken.None);

        await MaildevWithLogin.WaitForEmailAsync(m => m.Subject == email.Subject);
    }

    [Fact]
    public async Task A_refused_login_fails_the_queue_invocation_and_the_retry_of_that_message_delivers_the_mail()
    {
        var deliveries = new EmailDeliveryLog(Azurite.CreateTableServiceClient(), TimeProvider.System);
        var email = NewEmail("refused");
        await using var wrongLogin = Sender(MaildevWithLogin.SmtpPort, User, "wrong-password");

        var e = await Assert.ThrowsAsync<AuthenticationException>(() =>
            new SendEmailFunction(deliveries, wrongLogin, NullLogger<SendEmailFunction>.Instance)
                .Run(email, "message-1", dequeueCount: 1, CancellationToken.None));

        Assert.Contains("535", e.Message + e.InnerException?.Message);
        Assert.False(await deliveries.WasSentAsync(email.Key, CancellationToken.None));
        // The failed invocation leaves its queue message to be received again; that delivery (fixed login) sends it.
        await using var rightLogin = Sender(MaildevWithLogin.SmtpPort, User, Password);
        await new SendEmailFunction(deliveries, rightLogin, NullLogger<SendEmailFunction>.Instance)
            .Run(email, "message-1", dequeueCount: 2, CancellationToken.None);
        await MaildevWithLogin.WaitForEmailAsync(m => m.Subject == email.Subject);
        Assert.True(await deliveries.WasSentAsync(email.Key, CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_login_on_a_direct_send_queues_the_mail_for_retries()
    {
        var tables = Azurite.CreateTableServiceClient();
        var queues = Azurite.CreateQueueServiceClient();
        var deliveries = new EmailDeliveryLog(tables, TimeProvider.System);
        var email = NewEmail("refused-direct");
        await using var wrongLogin = Sender(MaildevWithLogin.SmtpPort, User, "wrong-password");

        await new EmailOutbox(queues, deliveries, wrongLogin, NullLogger<EmailOutbox>.Instance).SendAsync(email);

        Assert.False(await deliveries.WasSentAsync(email.Key, CancellationToken.None));
        var queue = queues.GetQueueClient(EmailOutbox.QueueName);
        var queued = new List<EmailMessage>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
            queued.AddRange(messages.Select(m => JsonSerializer.Deserialize<EmailMessage>(m.MessageText)!));
        Assert.Contains(email, queued);
    }

    /// <summary>Counts the SMTP connections the sender opens, from its log.</summary>
    private sealed class ConnectionCounter : ILogger<SmtpEmailSender>
    {
        private int _opened;

        public int Opened => Volatile.Read(ref _opened);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith("Opened an SMTP connection", StringComparison.Ordinal))
                Interlocked.Increment(ref _opened);
        }
    }
}
