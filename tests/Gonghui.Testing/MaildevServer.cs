using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Gonghui.Testing;

/// <summary>maildev on free loopback ports: an SMTP catcher whose web API lets tests read what was sent.</summary>
public sealed class MaildevServer : IAsyncDisposable
{
    private readonly NodeServerProcess _process;
    private readonly HttpClient _http;

    private MaildevServer(NodeServerProcess process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _http = new HttpClient { BaseAddress = WebUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public int SmtpPort { get; }
    public int WebPort { get; }
    public Uri WebUri => new($"http://127.0.0.1:{WebPort}/");

    /// <param name="incomingUser">With <paramref name="incomingPassword"/>: the login the SMTP server demands.</param>
    /// <param name="smtpPort">The SMTP port to take (one a stopped maildev had); a free one when not given.</param>
    public static async Task<MaildevServer> StartAsync(string? incomingUser = null, string? incomingPassword = null, int? smtpPort = null)
    {
        string[] login = incomingUser is null ? [] : ["--incoming-user", incomingUser, "--incoming-pass", incomingPassword ?? ""];
        // maildev cannot report OS-chosen ports, so pick free ones and retry if another process took one meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            var smtp = smtpPort ?? FreePort.Next();
            var web = FreePort.Next();
            try
            {
                var (process, _) = await NodeServerProcess.StartAsync(
                    "node_modules/maildev/bin/maildev",
                    ["--smtp", smtp.ToString(), "--web", web.ToString(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", .. login],
                    [new Regex("MailDev webapp running"), new Regex("MailDev SMTP Server running")],
                    TimeSpan.FromSeconds(30));
                return new MaildevServer(process, smtp, web);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    public async Task<IReadOnlyList<MaildevEmail>> GetEmailsAsync() =>
        await _http.GetFromJsonAsync<List<MaildevEmail>>("email") ?? [];

    /// <summary>Polls the inbox until an e-mail matches, or fails after <paramref name="timeout"/>.</summary>
    public async Task<MaildevEmail> WaitForEmailAsync(Func<MaildevEmail, bool> match, TimeSpan? timeout = null)
    {
        var inbox = await Eventually.ReadAsync(GetEmailsAsync, emails => emails.Any(match), "a matching e-mail in maildev",
            timeout ?? TimeSpan.FromSeconds(20));
        return inbox.First(match);
    }

    /// <summary>The e-mail as the SMTP server received it (headers and MIME parts).</summary>
    public Task<string> GetSourceAsync(string id) => _http.GetStringAsync($"email/{id}/source");

    public async Task DeleteAllAsync() => (await _http.DeleteAsync("email/all")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }
}

public sealed record MaildevAddress(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("name")] string? Name);

public sealed record MaildevEmail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("from")] IReadOnlyList<MaildevAddress>? From,
    [property: JsonPropertyName("to")] IReadOnlyList<MaildevAddress>? To,
    [property: JsonPropertyName("messageId")] string? MessageId = null);
