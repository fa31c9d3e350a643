using MailKit.Security;

namespace Gonghui.Functions.Notifications;

/// <summary>Settings section Gonghui:Smtp (env: Gonghui__Smtp__Host, ...); maildev on 127.0.0.1:1025 locally.</summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1025;

    /// <summary>
    /// None, SslOnConnect (implicit TLS, port 465), StartTls (required), StartTlsWhenAvailable, or Auto: TLS on connect
    /// for port 465, else STARTTLS when the server offers it. Production servers should say SslOnConnect or StartTls.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>Logs in when set (with <see cref="Password"/>); leave it out for servers that take mail without login.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }

    public string From { get; set; } = "12351@gonghui.local";
    public string FromName { get; set; } = "工会服务平台";

    /// <summary>How long one SMTP step (connect, login, each command) may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How many connections may be open at once; idle ones are kept for the next e-mails.</summary>
    public int MaxConnections { get; set; } = 4;
}
