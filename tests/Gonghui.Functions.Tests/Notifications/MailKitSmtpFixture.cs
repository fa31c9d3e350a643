using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Notifications;

/// <summary>
/// For <see cref="MailKitSmtpTests"/>: a maildev open to all, one that demands <see cref="User"/>'s login, and an
/// Azurite of its own, since those tests read the whole notifications queue, which other classes' tests fill too.
/// </summary>
public sealed class MailKitSmtpFixture : IAsyncLifetime
{
    public const string User = "gonghui-mailer";
    public const string Password = "correct-horse";

    public MaildevServer Maildev { get; private set; } = null!;
    public MaildevServer MaildevWithLogin { get; private set; } = null!;
    public AzuriteServer Azurite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Maildev = await MaildevServer.StartAsync();
        MaildevWithLogin = await MaildevServer.StartAsync(User, Password);
        Azurite = await AzuriteServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Maildev.DisposeAsync();
        await MaildevWithLogin.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
