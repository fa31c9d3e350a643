using System.Text.Json;
using Azure.Data.Tables;
using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// tests/Gonghui.LocalHost.TestApp's build output, and the settings (storage, queue and table names, keys, a task hub of
/// its own) and records of one run of it under the local host.
/// </summary>
public sealed class TestApp
{
    public TestApp(AzuriteServer azurite)
    {
        Azurite = azurite;
        Settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzureFunctionsWebHost:hostid"] = AzuriteServer.UniqueName("host"),
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = AzuriteServer.UniqueName("hub"),
            ["NoOpQueue"] = AzuriteServer.UniqueName("noop"),
            ["RecordQueue"] = AzuriteServer.UniqueName("record"),
            ["RecordTable"] = AzuriteServer.UniqueName("records"),
            ["TickSchedule"] = "0 0 0 1 1 *",
            ["LocalHost:FunctionKey"] = FunctionKey,
            ["LocalHost:MasterKey"] = MasterKey,
        };
    }

    /// <summary>The app's build output folder, where functions.metadata, worker.config.json and host.json are.</summary>
    public static string Dll => FunctionAppProcess.BuiltDll("tests/Gonghui.LocalHost.TestApp", "Gonghui.LocalHost.TestApp");

    public static string Folder => Path.GetDirectoryName(Dll)!;

    /// <summary>functions.metadata of the build, as the Azure Functions host reads it.</summary>
    public static JsonElement Metadata() => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "functions.metadata"))).RootElement;

    public AzuriteServer Azurite { get; }
    public Dictionary<string, string?> Settings { get; }
    public string FunctionKey { get; } = "function-key-" + Guid.NewGuid().ToString("N");
    public string MasterKey { get; } = "master-key-" + Guid.NewGuid().ToString("N");

    public string RecordQueue => Settings["RecordQueue"]!;

    public Task<FunctionAppProcess> StartProcessAsync() => FunctionAppProcess.StartAsync(Dll, Settings);

    /// <summary>The records the Record function wrote in one phase ("start" or "end") of its attempts.</summary>
    public static List<TableEntity> Phase(IEnumerable<TableEntity> records, string phase) =>
        records.Where(r => r.GetString("Phase") == phase).ToList();

    public async Task<List<TableEntity>> RecordsAsync(string partition)
    {
        var table = Azurite.CreateTableServiceClient().GetTableClient(Settings["RecordTable"]!);
        await table.CreateIfNotExistsAsync();
        return await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")).ToListAsync();
    }

    /// <summary>Polls the records of <paramref name="partition"/> until <paramref name="done"/> holds, or fails at the deadline.</summary>
    public Task<List<TableEntity>> WaitForRecordsAsync(string partition, Func<List<TableEntity>, bool> done, TimeSpan? timeout = null) =>
        Eventually.ReadAsync(() => RecordsAsync(partition), done, $"the records of '{partition}' to reach the awaited state", timeout);
}
