using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Gonghui.Bench;

/// <summary>
/// The SMTP server of the latency benchmarks: accepts every message and notes, to the millisecond, when its DATA
/// ended, by recipient and decoded subject. maildev stamps mails with their Date header, which has whole seconds only, and answers
/// a poll with every stored mail, which loads the very machine being measured. Made with <c>keepTextBodies</c>, it also
/// keeps each mail's plain-text body (for benchmarks that follow the links mailed).
/// </summary>
public sealed class TimingSmtpSink : IAsyncDisposable
{
    private readonly bool _keepTextBodies;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TimingSmtpSink(bool keepTextBodies = false)
    {
        _keepTextBodies = keepTextBodies;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>When each mail was received, by recipient and subject (a later one of the same pair keeps the first time).</summary>
    public ConcurrentDictionary<(string To, string Subject), DateTimeOffset> Received { get; } = new();

    /// <summary>The plain-text body of each mail, by recipient and subject, when the sink keeps them.</summary>
    public ConcurrentDictionary<(string To, string Subject), string> TextBodies { get; } = new();

    /// <summary>
    /// Waits until a mail has arrived for each of <paramref name="wanted"/>, or <paramref name="timeout"/> has passed;
    /// answers the arrivals found, by key. <paramref name="keyOf"/> names the wanted key a mail (recipient, subject)
    /// stands for, or null.
    /// </summary>
    public async Task<Dictionary<string, DateTimeOffset>> WaitForAsync(Func<string, string, string?> keyOf, IReadOnlySet<string> wanted,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var arrived = new Dictionary<string, DateTimeOffset>();
            foreach (var ((to, subject), at) in Received)
            {
                if (keyOf(to, subject) is { } key && wanted.Contains(key))
                    arrived[key] = at;
            }
            if (arrived.Count == wanted.Count || DateTime.UtcNow >= deadline)
                return arrived;
            await Task.Delay(20, cancellationToken);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var recipients = new List<string>();
        try
        {
            await writer.WriteLineAsync("220 bench-sink ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-bench-sink\r\n250 8BITMIME\r\n");
                        break;
                    case "RCPT":
                        recipients.Add(line[(line.IndexOf('<') + 1)..line.LastIndexOf('>')]);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var (subject, body) = await ReadMessageAsync(reader);
                        var at = DateTimeOffset.UtcNow;
                        foreach (var to in recipients)
                        {
                            Received.TryAdd((to, subject), at);
                            if (body is not null) TextBodies.TryAdd((to, subject), body);
                        }
                        recipients.Clear();
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Reads the message up to the lone "." and answers its Subject header, unfolded and decoded, and (when bodies are
    /// kept) its plain-text body.
    /// </summary>
    private async Task<(string Subject, string? Body)> ReadMessageAsync(StreamReader reader)
    {
        var headers = new StringBuilder();
        var raw = _keepTextBodies ? new StringBuilder() : null;
        var inHeaders = true;
        while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
        {
            // SMTP doubles a leading dot (RFC 5321, 4.5.2).
            raw?.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
            if (line.Length == 0)
                inHeaders = false;
            else if (inHeaders)
                headers.Append(line[0] is ' ' or '\t' ? line : "\n" + line);
        }

        var subject = headers.ToString().Split('\n').FirstOrDefault(h => h.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase)) ?? "";
        string? body = null;
        if (raw is not null)
        {
            using var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(raw.ToString())), _stop.Token);
            body = message.TextBody;
        }
        return (Rfc2047.DecodeText(Encoding.ASCII.GetBytes(subject["Subject:".Length..].Trim())), body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
