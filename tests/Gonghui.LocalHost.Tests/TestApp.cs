using Azure.Data.Tables;
using Gonghui.Hosting.TestApp;
using Gonghui.Hosting.Triggers;
using Gonghui.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Hosting.Tests;

/// <summary>Settings, keys and records of tests/Gonghui.Hosting.TestApp, run as a process or in this one.</summary>
public sealed class TestApp
{
    public TestApp(AzuriteServer azurite)
    {
        Azurite = azurite;
        Settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureFunctionsWebHost:hostid"] = AzuriteServer.UniqueName("host"),
            ["NoOpQueue"] = AzuriteServer.UniqueName("noop"),
            ["RecordQueue"] = AzuriteServer.UniqueName("record"),
            ["RecordTable"] = AzuriteServer.UniqueName("records"),
            ["TickSchedule"] = "0 0 0 1 1 *",
            [Security.ApiKeyStore.CacheSecondsSetting] = "1",
        };
        foreach (var role in Security.ApiRoleNames.All)
        {
            var key = $"test-{Security.ApiRoleNames.Name(role)}-{Guid.NewGuid():N}";
            Keys[role] = key;
            Settings[$"Gonghui:DevKeys:{Security.ApiRoleNames.Name(role)}"] = key;
        }
    }

    public static string Dll => FunctionAppProcess.BuiltDll("tests/Gonghui.Hosting.TestApp", "Gonghui.Hosting.TestApp");

    public static string ProjectFolder => Path.Combine(RepositoryRoot.Path, "tests", "Gonghui.Hosting.TestApp");

    public static System.Reflection.Assembly Assembly => typeof(QueueFunctions).Assembly;

    public AzuriteServer Azurite { get; }
    public Dictionary<string, string?> Settings { get; }
    public Dictionary<ApiRoles, string> Keys { get; } = [];

    public string RecordQueue => Settings["RecordQueue"]!;

    public Task<FunctionAppProcess> StartProcessAsync() => FunctionAppProcess.StartAsync(Dll, Settings);

    /// <summary>The test app in this process (so tests can swap services), on a free port.</summary>
    public FunctionsApplicationBuilder CreateInProcessBuilder()
    {
        var builder = FunctionsApplication.CreateBuilder([], ProjectFolder);
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddTestApp();
        return builder;
    }

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
    public async Task<List<TableEntity>> WaitForRecordsAsync(string partition, Func<List<TableEntity>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var records = await RecordsAsync(partition);
            if (done(records))
                return records;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Records of '{partition}' did not reach the expected state; {records.Count} so far.");
            await Task.Delay(100);
        }
    }
}
