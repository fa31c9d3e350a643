using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gonghui.Functions.Notifications;

/// <summary>
/// Hands e-mails to the SMTP server (MailKit): plain text, plus HTML as an alternative when given, all UTF-8, with a
/// Message-ID fixed by the e-mail's key. Connections stay open between e-mails, so a batch of queue messages goes over
/// a few logged-in connections instead of one each; at most <see cref="SmtpSettings.MaxConnections"/> are open.
/// A failure throws (a refused login as MailKit's AuthenticationException) and leaves retrying to the caller.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpSettings> options, ILogger<SmtpEmailSender>? logger = null) : IAsyncDisposable
{
    /// <summary>
    /// Servers close idle connections (maildev and other Node servers after 60 s, Postfix after 300 s); one idle longer
    /// than this is closed here rather than found dead when the next e-mail needs it.
    /// </summary>
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    private readonly SmtpSettings _settings = options.Value;
    private readonly ILogger _logger = logger ?? NullLogger<SmtpEmailSender>.Instance;
    private readonly SemaphoreSlim _openSlots = new(Math.Max(1, options.Value.MaxConnections));
    private readonly ConcurrentBag<(SmtpClient Client, long IdleSince)> _idle = [];

    public async Task SendAsync(EmailMessage email, CancellationToken cancellationToken)
    {
        var message = Compose(email);
        await _openSlots.WaitAsync(cancellationToken);
        try
        {
            var (client, reused) = await TakeConnectionAsync(cancellationToken);
            while (true)
            {
                try
                {
                    await client.SendAsync(message, cancellationToken);
                    break;
                }
                catch (Exception e)
                {
                    await CloseAsync(client);
                    if (!(reused && e is ServiceNotConnectedException or IOException or SmtpProtocolException))
                        throw;
                    // The server dropped the idle connection before this e-mail went out: once more on a new one.
                    _logger.LogDebug(e, "The server closed a reused SMTP connection; reconnecting");
                    (client, reused) = (await ConnectAsync(cancellationToken), false);
                }
            }
            _idle.Add((client, Stopwatch.GetTimestamp()));
        }
        finally
        {
            _openSlots.Release();
        }
    }

    private MimeMessage Compose(EmailMessage email)
    {
        var message = new MimeMessage
        {
            Subject = email.Subject,
            MessageId = $"{MessageIdLocalPart(email.Key)}@{MailboxAddress.Parse(_settings.From).Domain}",
            Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(_settings.FromName, _settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        return message;
    }

    private async Task<(SmtpClient Client, bool Reused)> TakeConnectionAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.Client.IsConnected && Stopwatch.GetElapsedTime(idle.IdleSince) < IdleLimit)
                return (idle.Client, true);
            await CloseAsync(idle.Client);
        }
        return (await ConnectAsync(cancellationToken), false);
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(_settings.TimeoutSeconds).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(await ConnectSocketAsync(cancellationToken), _settings.Host, _settings.Port, _settings.Security, cancellationToken);
            if (!string.IsNullOrEmpty(_settings.UserName))
                await client.AuthenticateAsync(_settings.UserName, _settings.Password ?? "", cancellationToken);
        }
        catch
        {
            await CloseAsync(client);
            throw;
        }
        _logger.LogDebug("Opened an SMTP connection to {Host}:{Port}", _settings.Host, _settings.Port);
        return client;
    }

    /// <summary>
    /// A TCP connection to the server with Nagle's algorithm off, for MailKit to take over (it leaves it on). With it on,
    /// the end of each e-mail's DATA waited for the server's delayed acknowledgement of the part before: 40 ms per
    /// e-mail on Linux, during which the connection carries nothing else.
    /// </summary>
    private async Task<Socket> ConnectSocketAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_settings.TimeoutSeconds));
        try
        {
            await socket.ConnectAsync(_settings.Host, _settings.Port, timeout.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Connecting to the SMTP server {_settings.Host}:{_settings.Port} took over {_settings.TimeoutSeconds} s.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task CloseAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, timeout.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ProtocolException or CommandException)
        {
            // Closing a connection that already failed: nothing left to do.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static string MessageIdLocalPart(string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32].ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var idle))
            await CloseAsync(idle.Client);
        _openSlots.Dispose();
    }
}
