using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Security;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Hotline.EndToEnd;

[CollectionDefinition(Name)]
public sealed class HotlineAppCollection : ICollectionFixture<HotlineAppFixture>
{
    public const string Name = "hotline app";
}

/// <summary>
/// The real function app process on its own Azurite and maildev (so its queues are its own), with a key per role:
/// operator, supervisor and admin from development settings, and handlers of two units made through the key store.
/// </summary>
public sealed class HotlineAppFixture : IAsyncLifetime
{
    public const string OperatorKey = "e2e-operator-key-5b1f0c2a9d8e7f6a";
    public const string SupervisorKey = "e2e-supervisor-key-3c9a7e1f5b2d4c6e";
    public const string AdminKey = "e2e-admin-key-8d2e4f6a1c3b5d7e";
    public const string LixiaUnit = "370102-union";
    public const string ShizhongUnit = "370103-union";

    private AzuriteServer? _azurite;
    private MaildevServer? _maildev;
    private FunctionAppProcess? _app;

    public AzuriteServer Azurite => _azurite ?? throw new InvalidOperationException("Not started.");
    public MaildevServer Maildev => _maildev ?? throw new InvalidOperationException("Not started.");
    public FunctionAppProcess App => _app ?? throw new InvalidOperationException("Not started.");
    public string LixiaHandlerKey { get; private set; } = "";
    public string ShizhongHandlerKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _maildev = await MaildevServer.StartAsync();
        var keys = new ApiKeyStore(_azurite.CreateTableServiceClient(), TimeProvider.System);
        LixiaHandlerKey = (await keys.CreateAsync("历下区总工会 handler", ApiRoles.Handler, LixiaUnit)).Secret;
        ShizhongHandlerKey = (await keys.CreateAsync("市中区总工会 handler", ApiRoles.Handler, ShizhongUnit)).Secret;
        _app = await FunctionAppProcess.StartAsync(Dll, Settings());
        using var admin = Client(AdminKey);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await admin.GetAsync("api/hotline/routing");
            return response.StatusCode == HttpStatusCode.OK;
        }, "the development keys to be seeded", explain: () => Task.FromResult(App.Output));
    }

    private static string Dll => FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions");

    private Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Gonghui:DevKeys:operator"] = OperatorKey,
            ["Gonghui:DevKeys:supervisor"] = SupervisorKey,
            ["Gonghui:DevKeys:admin"] = AdminKey,
            ["Gonghui:Smtp:Port"] = Maildev.SmtpPort.ToString(),
            ["Gonghui:Hotline:PhoneHashKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 3)).ToArray()),
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
            settings[name] = value;
        return settings;
    }

    /// <summary>Kills the app process (as a crash would) and starts it again on the same storage, with <paramref name="extra"/> settings.</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        await App.DisposeAsync();
        _app = await FunctionAppProcess.StartAsync(Dll, Settings(extra));
    }

    public HttpClient Client(string key) => App.CreateClient(key);

    public static object Intake(string subject, string phone = "13812345678", string category = "consultation", string region = "370102",
        string urgency = "normal", bool callbackConsent = true) => new
        {
            callerName = "张伟",
            phone,
            category,
            regionCode = region,
            subject,
            description = "连续三个月加班未支付加班费，请工会帮助。",
            channel = "phone",
            urgency,
            callbackConsent,
        };

    /// <summary>Opens a ticket as the operator and waits until routing assigned it.</summary>
    public async Task<JsonElement> OpenAssignedAsync(object intake)
    {
        using var op = Client(OperatorKey);
        using var response = await op.PostAsJsonAsync("api/tickets", intake);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return await WaitForTicketAsync(id, ticket => ticket.GetProperty("status").GetString() == "assigned");
    }

    public async Task<JsonElement> GetTicketAsync(string id, string? key = null)
    {
        using var client = Client(key ?? SupervisorKey);
        return await client.GetFromJsonAsync<JsonElement>($"api/tickets/{id}");
    }

    public Task<JsonElement> WaitForTicketAsync(string id, Func<JsonElement, bool> condition) =>
        Eventually.ReadAsync(() => GetTicketAsync(id), condition, $"ticket {id} to reach the awaited state", TimeSpan.FromSeconds(20),
            () => Task.FromResult(App.Output));

    public async Task<int> CountTicketsAsync() => (await SnapshotRowsAsync(["Version"])).Count;

    /// <summary>Every stored ticket snapshot (the rows "ticket|…" of the tickets table), with the columns <paramref name="select"/> names.</summary>
    public async Task<List<TableEntity>> SnapshotRowsAsync(IEnumerable<string>? select = null)
    {
        var table = Azurite.CreateTableServiceClient().GetTableClient(TicketStore.TableName);
        var snapshots = TableClient.CreateQueryFilter($"RowKey ge {TicketStore.SnapshotRowPrefix} and RowKey lt {TicketStore.SnapshotRowPrefix + "~"}");
        return await table.QueryAsync<TableEntity>(snapshots, select: select).ToListAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (_maildev is not null)
            await _maildev.DisposeAsync();
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }
}
