using System.Text.RegularExpressions;
using Gonghui.Storage;
using Gonghui.Storage.Queues;
using Gonghui.Storage.Tables;

namespace Gonghui.Testing;

/// <summary>
/// Azurite with in-memory persistence on OS-chosen loopback ports. <see cref="Shared"/> is one instance per test
/// process, started on first use and stopped when the process exits; tests isolate themselves by unique names.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static AzuriteServer? _shared;

    private readonly NodeServerProcess _process;

    private AzuriteServer(NodeServerProcess process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;" +
        $"AccountName={StorageConnectionString.DevelopmentAccountName};" +
        $"AccountKey={StorageConnectionString.DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{StorageConnectionString.DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{StorageConnectionString.DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{StorageConnectionString.DevelopmentAccountName};";

    public TableServiceClient CreateTableServiceClient(StorageClientOptions? options = null) => new(ConnectionString, options);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) => new(ConnectionString, options);

    /// <summary>A table or queue name no other test uses: lowercase letters and digits, starting with a letter.</summary>
    public static string UniqueName(string prefix) =>
        (prefix + Guid.NewGuid().ToString("N")[..12]).ToLowerInvariant();

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

    public static async Task<AzuriteServer> StartAsync()
    {
        var (process, matches) = await NodeServerProcess.StartAsync(
            "node_modules/azurite/dist/src/azurite.js",
            [
                "--inMemoryPersistence", "--extentMemoryLimit", "2048", "--silent", "--skipApiVersionCheck", "--loose",
                "--disableProductStyleUrl", "--disableTelemetry",
                // Node drops a request that reaches a keep-alive connection just as the server's idle timer closes it
                // (nodejs/node#13391), and the client then waits for its network timeout. Keeping connections open
                // longer than .NET's pool keeps idle ones (1 minute) means the client always closes them first.
                "--blobKeepAliveTimeout", "300", "--queueKeepAliveTimeout", "300", "--tableKeepAliveTimeout", "300",
                "--blobHost", "127.0.0.1", "--blobPort", "0",
                "--queueHost", "127.0.0.1", "--queuePort", "0",
                "--tableHost", "127.0.0.1", "--tablePort", "0",
            ],
            [ListeningLine("Blob"), ListeningLine("Queue"), ListeningLine("Table")],
            TimeSpan.FromSeconds(60));
        int Port(Match match) => int.Parse(match.Groups["port"].Value);
        return new AzuriteServer(process, Port(matches[0]), Port(matches[1]), Port(matches[2]));
    }

    private static Regex ListeningLine(string service) =>
        new($@"Azurite {service} service is successfully listening at http://[^:]+:(?<port>\d+)");

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
