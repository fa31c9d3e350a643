using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Gonghui.Testing;

namespace Gonghui.Bench;

/// <summary>
/// Counts the storage requests another process (the app under benchmark) makes: a loopback relay in front of each
/// Azurite service that passes bytes through unchanged and reads only the request lines, grouped by service, method
/// and resource (table, point read or query, queue with its partition number folded). The app gets
/// <see cref="ConnectionString"/>, whose endpoints are the relays; shared-key signatures do not cover the port, so
/// they still verify. It costs the benchmark process some CPU and each request a loopback hop: it is for counting,
/// not for latency figures.
/// </summary>
public sealed partial class StorageRequestTally : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly List<TcpListener> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _connectionString;

    private StorageRequestTally(AzuriteServer azurite)
    {
        var blob = Relay("blob", azurite.BlobPort);
        var queue = Relay("queue", azurite.QueuePort);
        var table = Relay("table", azurite.TablePort);
        _connectionString = "DefaultEndpointsProtocol=http;" +
            $"AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{AzuriteServer.AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/{AzuriteServer.AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{table}/{AzuriteServer.AccountName};";
    }

    public static StorageRequestTally Start(AzuriteServer azurite) => new(azurite);

    public string ConnectionString => _connectionString;

    /// <summary>The requests since the last call, by kind, with the request body bytes they sent, and starts counting again.</summary>
    public IReadOnlyDictionary<string, (long Count, long Bytes)> Take()
    {
        var taken = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var key in _counts.Keys)
        {
            if (_counts.TryRemove(key, out var count))
                taken[key] = (count, _bytes.TryRemove(key, out var bytes) ? bytes : 0);
        }
        return taken;
    }

    private int Relay(string service, int upstreamPort)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _listeners.Add(listener);
        _ = AcceptAsync(listener, service, upstreamPort);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, string service, int upstreamPort)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = ServeAsync(client, service, upstreamPort);
        }
    }

    private async Task ServeAsync(TcpClient client, string service, int upstreamPort)
    {
        using var downstream = client;
        using var upstream = new TcpClient();
        try
        {
            downstream.NoDelay = true;
            upstream.NoDelay = true;
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, _stop.Token);
            var requests = ForwardRequestsAsync(downstream.GetStream(), upstream.GetStream(), service);
            var responses = upstream.GetStream().CopyToAsync(downstream.GetStream(), _stop.Token);
            await Task.WhenAny(requests, responses);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>Copies requests one by one: the header block (counted by its request line), then Content-Length bytes of body.</summary>
    private async Task ForwardRequestsAsync(NetworkStream from, NetworkStream to, string service)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            int headerEnd;
            while ((headerEnd = IndexOfHeaderEnd(buffer.AsSpan(0, filled))) < 0)
            {
                if (filled == buffer.Length)
                    Array.Resize(ref buffer, buffer.Length * 2);
                var read = await from.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                if (read == 0)
                    return;
                filled += read;
            }
            var headers = Encoding.ASCII.GetString(buffer, 0, headerEnd);
            var length = ContentLength(headers);
            Count(service, headers, length);
            long remaining = headerEnd + 4 + length;
            while (remaining > 0)
            {
                if (filled == 0)
                {
                    filled = await from.ReadAsync(buffer, _stop.Token);
                    if (filled == 0)
                        return;
                }
                var take = (int)Math.Min(remaining, filled);
                await to.WriteAsync(buffer.AsMemory(0, take), _stop.Token);
                Buffer.BlockCopy(buffer, take, buffer, 0, filled - take);
                filled -= take;
                remaining -= take;
            }
        }
    }

    private static int IndexOfHeaderEnd(ReadOnlySpan<byte> bytes) => bytes.IndexOf("\r\n\r\n"u8);

    private static long ContentLength(string headers) =>
        ContentLengthHeader().Match(headers) is { Success: true } match ? long.Parse(match.Groups[1].ValueSpan) : 0;

    private void Count(string service, string headers, long bodyBytes)
    {
        var requestLine = headers[..Math.Max(0, headers.IndexOf('\r') is var end and >= 0 ? end : headers.Length)];
        var parts = requestLine.Split(' ');
        var method = parts.Length > 0 ? parts[0] : "?";
        var target = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "?";
        var kind = $"{service} {method} {Resource(service, method, target)}";
        _counts.AddOrUpdate(kind, 1, (_, count) => count + 1);
        _bytes.AddOrUpdate(kind, bodyBytes, (_, sum) => sum + bodyBytes);
    }

    /// <summary>A request's resource without its keys and ids: "Table(point)", "Table?query", "queue-NN/messages", ...</summary>
    private static string Resource(string service, string method, string target)
    {
        var q = target.IndexOf('?');
        var query = q >= 0 ? target[(q + 1)..] : "";
        var path = q >= 0 ? target[..q] : target;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        if (segments.Length == 0)
            return "(account)" + (query.Length > 0 ? "?" + Parameters(query) : "");
        var name = PartitionNumber().Replace(segments[0], "NN");
        if (service == "table")
        {
            var open = name.IndexOf('(');
            if (open < 0)
                return name;
            var table = name[..open];
            var keys = name[open..];
            return keys == "()" ? $"{table}?{(query.Contains("$filter", StringComparison.Ordinal) ? "query" : "list")}" : $"{table}(point)";
        }
        var rest = segments.Length > 1 ? "/" + (segments[1] == "messages" && segments.Length > 2 ? "messages/{id}" : segments[1]) : "";
        var parameters = Parameters(query);
        return name + rest + (parameters.Length > 0 ? "?" + parameters : "");
    }

    /// <summary>The parameter names that say what a request does (comp=, peekonly=, numofmessages=).</summary>
    private static string Parameters(string query) => string.Join("&", query.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=') is var kv && kv[0] is "comp" or "restype" or "peekonly" ? $"{kv[0]}={kv.ElementAtOrDefault(1)}" : null)
        .Where(p => p is not null));

    [GeneratedRegex(@"(?im)^content-length:\s*(\d+)\s*$")]
    private static partial Regex ContentLengthHeader();

    [GeneratedRegex(@"-\d{2}(?=$|\()")]
    private static partial Regex PartitionNumber();

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var listener in _listeners)
            listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
