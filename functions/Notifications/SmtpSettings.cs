namespace Gonghui.Functions.Notifications;

/// <summary>Settings section Gonghui:Smtp (env: Gonghui__Smtp__Host, ...); maildev on 127.0.0.1:1025 locally.</summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1025;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "12351@gonghui.local";
    public string FromName { get; set; } = "工会服务平台";
}
