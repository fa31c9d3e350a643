using Gonghui.Functions.Notifications;
using Gonghui.Storage.Tables;
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

        await function.Run(email, dequeueCount: 1, CancellationToken.None);

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

        await function.Run(email, dequeueCount: 1, CancellationToken.None);
        await function.Run(email, dequeueCount: 2, CancellationToken.None);

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

        await Assert.ThrowsAnyAsync<Exception>(() => function.Run(email, 1, CancellationToken.None));

        Assert.False(await log.WasSentAsync(email.Key, CancellationToken.None));
    }
}
