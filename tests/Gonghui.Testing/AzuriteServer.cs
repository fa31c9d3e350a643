using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Gonghui.Testing;

/// <summary>
/// Azurite with in-memory persistence on OS-chosen loopback ports. <see cref="GetSharedAsync"/> is one instance per test
/// process, started on first use and stopped when the process exits; tests isolate themselves by unique names.
/// <see cref="StartQueueAndTableProcessesAsync"/> runs the queue, table and blob services as a Node process each instead, for
/// benchmarks: Azurite serves each on one thread, so one process caps both at one core.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static AzuriteServer? _shared;

    private readonly (string Services, NodeServerProcess Process)[] _processes;

    private AzuriteServer((string Services, NodeServerProcess Process)[] processes, int blobPort, int queuePort, int tablePort)
    {
        _processes = processes;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Which services each Node process serves, and its id (benchmarks measure their CPU time).</summary>
    public IReadOnlyList<(string Services, int ProcessId)> Processes => [.. _processes.Select(p => (p.Services, p.Process.ProcessId))];

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>Azurite's one account and its well-known key (the same for every Azurite).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");
    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;" +
        $"AccountName={AccountName};" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint={QueueEndpoint};" +
        $"TableEndpoint={TableEndpoint};";

    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) => new(ConnectionString, options ?? new TableClientOptions());

    /// <summary>Queue clients with Base64 messages, as Azure Functions and the app's queue listener read them.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        new(ConnectionString, options ?? new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>A table or queue name no other test uses: lowercase letters and digits, starting with a letter.</summary>
    public static string UniqueName(string prefix) =>
        (prefix + Guid.NewGuid().ToString("N")[..12]).ToLowerInvariant();

    /// <summary>
    /// Run on every Azurite this process starts before a test gets it: a test assembly sets it to create its app's
    /// tables, queues and containers, as the app does when it starts.
    /// </summary>
    public static Func<AzuriteServer, Task>? Prepare { get; set; }

    public static async Task<AzuriteServer> GetSharedAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            }
            return _shared;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <param name="speedups">
    /// False starts Azurite as shipped, without the preload that makes its database faster (azurite-loki-speedups.cjs):
    /// only for tests that hold the preload's answers against Azurite's own.
    /// </param>
    public static async Task<AzuriteServer> StartAsync(bool speedups = true)
    {
        var (process, matches) = await NodeServerProcess.StartAsync(
            "node_modules/azurite/dist/src/azurite.js",
            [
                .. CommonArguments, "--extentMemoryLimit", "2048",
                "--blobKeepAliveTimeout", "300", "--queueKeepAliveTimeout", "300", "--tableKeepAliveTimeout", "300",
                "--blobHost", "127.0.0.1", "--blobPort", "0",
                "--queueHost", "127.0.0.1", "--queuePort", "0",
                "--tableHost", "127.0.0.1", "--tablePort", "0",
            ],
            [ListeningLine("Blob"), ListeningLine("Queue"), ListeningLine("Table")],
            TimeSpan.FromSeconds(60),
            speedups ? Preloads : []);
        return await PreparedAsync(new AzuriteServer([("Azurite", process)], Port(matches[0]), Port(matches[1]), Port(matches[2])));
    }

    /// <summary>
    /// The queue and table services in a process each, and the blob service (which the Durable Task Framework's task hub
    /// needs, for its large-message container) in a third.
    /// </summary>
    public static async Task<AzuriteServer> StartQueueAndTableProcessesAsync()
    {
        var (queues, queueMatches) = await NodeServerProcess.StartAsync(
            "node_modules/azurite/dist/src/queue/main.js",
            [.. CommonArguments, "--extentMemoryLimit", "2048", "--queueHost", "127.0.0.1", "--queuePort", "0"],
            [new Regex(@"Azurite Queue service successfully listens on http://[^:]+:(?<port>\d+)")],
            TimeSpan.FromSeconds(60),
            // This entry point has no keep-alive option.
            [.. Preloads, "long-keepalive.cjs"]);
        // The table service announces the port it was given, not the one it got: give it a free one.
        var tablePort = FreePort.Next();
        var (tables, _) = await NodeServerProcess.StartAsync(
            "node_modules/azurite/dist/src/table/main.js",
            [.. CommonArguments, "--tableKeepAliveTimeout", "300", "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString()],
            [new Regex(@"Azurite Table service successfully started")],
            TimeSpan.FromSeconds(60),
            Preloads);
        var (blobs, blobMatches) = await NodeServerProcess.StartAsync(
            "node_modules/azurite/dist/src/blob/main.js",
            [.. CommonArguments, "--extentMemoryLimit", "512", "--blobHost", "127.0.0.1", "--blobPort", "0"],
            [new Regex(@"Azurite Blob service successfully listens on http://[^:]+:(?<port>\d+)")],
            TimeSpan.FromSeconds(60),
            [.. Preloads, "long-keepalive.cjs"]);
        return await PreparedAsync(new AzuriteServer([("Azurite queues", queues), ("Azurite tables", tables), ("Azurite blobs", blobs)],
            Port(blobMatches[0]), Port(queueMatches[0]), tablePort));
    }

    private static async Task<AzuriteServer> PreparedAsync(AzuriteServer server)
    {
        if (Prepare is { } prepare)
            await prepare(server);
        return server;
    }

    // Node drops a request that reaches a keep-alive connection just as the server's idle timer closes it
    // (nodejs/node#13391), and the client then waits for its network timeout. Keeping connections open longer
    // (the *KeepAliveTimeout arguments, 300 s) than .NET's pool keeps idle ones (1 minute) means the client always
    // closes them first.
    private static readonly string[] CommonArguments =
    [
        "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
    ];

    private static readonly string[] Preloads = ["azurite-loki-speedups.cjs"];

    private static int Port(Match match) => int.Parse(match.Groups["port"].Value);

    private static Regex ListeningLine(string service) =>
        new($@"Azurite {service} service is successfully listening at http://[^:]+:(?<port>\d+)");

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process) in _processes)
            await process.DisposeAsync();
    }
}
