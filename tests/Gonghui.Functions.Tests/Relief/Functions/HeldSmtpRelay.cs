using System.Net;
using System.Net.Sockets;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// A loopback TCP relay to an SMTP server that holds every connection, unanswered, until <see cref="Open"/>: an app
/// pointed at it stays inside its SMTP hand-off (and so inside the activity that sends the mail) while a test acts.
/// After <see cref="Open"/> it relays held and new connections both ways.
/// </summary>
public sealed class HeldSmtpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _smtpPort;
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public HeldSmtpRelay(int smtpPort)
    {
        _smtpPort = smtpPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Open() => _opened.TrySetResult();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await _opened.Task.WaitAsync(_stop.Token);
                using var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _smtpPort, _stop.Token);
                // SMTP ends with the server closing after QUIT (or the client giving up): either side ending ends both.
                await Task.WhenAny(client.GetStream().CopyToAsync(server.GetStream(), _stop.Token),
                    server.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
    }
}
