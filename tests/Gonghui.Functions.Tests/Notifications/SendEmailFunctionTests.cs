using Azure.Data.Tables;
using Gonghui.Functions.Notifications;
using Gonghui.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gonghui.Functions.Tests.Notifications;

public sealed class SendEmailFunctionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private MaildevServer _maildev = null!;

    public async Task InitializeAsync() => _maildev = await MaildevServer.StartAsync();

    public async Task DisposeAsync() => await _maildev.DisposeAsync();

    private SendEmailFunction CreateFunction(TableServiceClient tables) => new(
        new EmailDeliveryLog(tables, TimeProvider.System),
        new SmtpEmailSender(Options.Create(new SmtpSettings { Host = "127.0.0.1", Port = _maildev.SmtpPort })),
        NullLogger<SendEmailFunction>.Instance);

    [Fact]
    public async Task Chinese_text_and_html_arrive_in_maildev()
    {
        var function = CreateFunction(azurite.Server.CreateTableServiceClient());
        var email = new EmailMessage("ticket/T1/unit", "unit@example.org", "新工单：拖欠工资",
            "您好，有一张新工单待处理。", "<p>您好，有一张<b>新工单</b>待处理。</p>");

        await function.Run(email, "message-1", dequeueCount: 1, CancellationToken.None);

        var received = await _maildev.WaitForEmailAsync(m => m.Subject == "新工单：拖欠工资");
        Assert.Equal("unit@example.org", Assert.Single(received.To!).Address);
        Assert.Contains("您好，有一张新工单待处理。", received.Text);
        Assert.Contains("<b>新工单</b>", received.Html);
    }

    [Fact]
    public async Task A_redelivered_message_with_the_same_key_is_mailed_once()
    {
        var function = CreateFunction(azurite.Server.CreateTableServiceClient());
        var key = "relief/A-" + Guid.NewGuid().ToString("N") + "/level-1";
        var email = new EmailMessage(key, "approver@example.org", "审批提醒 " + key, "请审批。");

        await function.Run(email, "message-1", dequeueCount: 1, CancellationToken.None);
        await function.Run(email, "message-1", dequeueCount: 2, CancellationToken.None);

        await _maildev.WaitForEmailAsync(m => m.Subject == email.Subject);
        var matching = (await _maildev.GetEmailsAsync()).Count(m => m.Subject == email.Subject);
        Assert.Equal(1, matching);
    }

    [Fact]
    public async Task An_unreachable_smtp_server_fails_the_invocation_and_records_nothing()
    {
        var tables = azurite.Server.CreateTableServiceClient();
        var log = new EmailDeliveryLog(tables, TimeProvider.System);
        var function = new SendEmailFunction(log,
            new SmtpEmailSender(Options.Create(new SmtpSettings { Host = "127.0.0.1", Port = FreePort.Next() })),
            NullLogger<SendEmailFunction>.Instance);
        var email = new EmailMessage("unreachable/" + Guid.NewGuid(), "x@example.org", "s", "t");

        await Assert.ThrowsAnyAsync<Exception>(() => function.Run(email, "message-1", 1, CancellationToken.None));

        Assert.False(await log.WasSentAsync(email.Key, CancellationToken.None));
    }

    [Fact]
    public async Task Duplicate_messages_with_one_key_racing_each_other_mail_once()
    {
        var function = CreateFunction(azurite.Server.CreateTableServiceClient());
        var key = "race/" + Guid.NewGuid().ToString("N");
        var email = new EmailMessage(key, "unit@example.org", "并发重复 " + key, "同一封邮件的多条队列消息。");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => function.Run(email, "message-" + i, 1, CancellationToken.None)));

        // Every run has returned, so every hand-over is done; maildev stores in order, so once a later e-mail is in,
        // a second copy would be too.
        var later = new EmailMessage("race-later/" + Guid.NewGuid().ToString("N"), "unit@example.org", "之后的邮件 " + key, "用于确认此前的邮件均已送达。");
        await function.Run(later, "message-later", 1, CancellationToken.None);
        await _maildev.WaitForEmailAsync(m => m.Subject == later.Subject);
        Assert.Equal(1, (await _maildev.GetEmailsAsync()).Count(m => m.Subject == email.Subject));
    }

    [Fact]
    public async Task A_claim_left_by_a_crash_is_taken_over_by_the_same_message_and_not_by_another()
    {
        var tables = azurite.Server.CreateTableServiceClient();
        var function = CreateFunction(tables);
        var key = "crash/" + Guid.NewGuid().ToString("N");
        var email = new EmailMessage(key, "unit@example.org", "崩溃接管 " + key, "发送前进程被终止。");
        // The first delivery of message-1 claimed the key and died before SMTP.
        Assert.Equal(EmailClaim.Claimed, await new EmailDeliveryLog(tables, TimeProvider.System).ClaimAsync(key, "message-1", CancellationToken.None));

        await function.Run(email, "message-2", 1, CancellationToken.None);
        Assert.DoesNotContain(await _maildev.GetEmailsAsync(), m => m.Subject == email.Subject);

        await function.Run(email, "message-1", 2, CancellationToken.None);
        await _maildev.WaitForEmailAsync(m => m.Subject == email.Subject);
        Assert.Equal(1, (await _maildev.GetEmailsAsync()).Count(m => m.Subject == email.Subject));
    }
}
