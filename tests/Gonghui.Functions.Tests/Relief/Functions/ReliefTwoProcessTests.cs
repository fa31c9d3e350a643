using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Security;
using Gonghui.Testing;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// Two processes of the app on one Azurite (one task hub), each taking half of the HTTP calls: 200 applications
/// submitted and decided at once all complete, none stays running, and each is paid once. The task hub's one
/// control-queue partition stays with the process that took it first, which runs every orchestration; activities go to
/// whichever process fetches them first, mostly the one that scheduled them. On its own Azurite and
/// maildev, so the shared app's inbox stays small; in the relief collection so it does not run beside the other
/// app-process tests on this machine's two cores.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ReliefTwoProcessTests : IAsyncLifetime
{
    private const string Region = "110123";
    private const int Applications = 200;
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(10);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ParallelOptions AtOnce = new() { MaxDegreeOfParallelism = 16 };

    private AzuriteServer _azurite = null!;
    private MaildevServer _maildev = null!;
    private FunctionAppProcess[] _apps = [];
    private readonly List<HttpClient> _clients = [];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _maildev = await MaildevServer.StartAsync();
        await ReliefApp.SeedOperatorAndAdminKeysAsync(_azurite);
        var dll = FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions");
        var settings = ReliefApp.SettingsFor(_azurite, _maildev);
        // No process is killed here, so host.json's visibility timeouts. With five seconds, every message still waiting
        // in a burst of 200 is fetched again each five seconds, a new batch each time, until the dispatcher never catches up.
        foreach (var key in ReliefApp.ShortVisibilityTimeouts)
            settings.Remove(key);
        _apps = [await FunctionAppProcess.StartAsync(dll, settings), await FunctionAppProcess.StartAsync(dll, settings)];
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        foreach (var app in _apps)
            await app.DisposeAsync();
        await _maildev.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Two_hundred_applications_decided_at_once_across_two_processes_complete_and_are_paid_once_each()
    {
        var year = ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year;
        await ReliefApp.PrepareRegionAsync(Clients(ReliefApp.AdminKey)[0], _azurite.CreateTableServiceClient(), Region, "200000.00", year);
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);

        var operators = Clients(ReliefApp.OperatorKey);
        var approvers = Clients(ReliefApp.ApproverKey(district.Id));
        var ids = new string[Applications];
        await Parallel.ForEachAsync(Enumerable.Range(0, Applications), AtOnce, async (i, cancellationToken) =>
        {
            using var submitted = await operators[i % 2].PostAsJsonAsync("api/relief/applications", ReliefApp.Request(Region, 1000 + i, "1000.00"), Json, cancellationToken);
            Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync(cancellationToken));
            ids[i] = (await submitted.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("applicationId").GetString()!;
        });
        await UntilEveryApplicationAsync(ids, "awaiting_decision");
        var ownersBeforeDecisions = await PartitionOwnersAsync();

        await Parallel.ForEachAsync(Enumerable.Range(0, Applications), AtOnce, async (i, cancellationToken) =>
        {
            using var decided = await approvers[(i + 1) % 2].PostAsJsonAsync($"api/approvals/{ApprovalTask.IdFor(ids[i], 0, 1)}/decision", new { decision = "approve" }, cancellationToken);
            Assert.True(decided.StatusCode == HttpStatusCode.OK, $"{ids[i]}: {await decided.Content.ReadAsStringAsync(cancellationToken)}");
        });
        var paid = await UntilEveryApplicationAsync(ids, "paid");

        var adminClient = Clients(ReliefApp.AdminKey)[1];
        var management = _apps[1].CreateClient(_apps[1].MasterKey);
        _clients.Add(management);
        var unfinished = ids.ToDictionary(id => id, _ => (JsonElement?)null);
        await Eventually.ReadAsync(async () =>
        {
            foreach (var id in unfinished.Keys.ToList())
            {
                var instance = await DurableInstances.GetAsync(management, id);
                if (DurableInstances.RuntimeStatus(instance) == "Completed")
                    unfinished.Remove(id);
                else
                    unfinished[id] = instance;
            }
            return unfinished.Count == 0 ? "" : $"{unfinished.Count} instances, e.g. {unfinished.First()}\n{LinesAbout(unfinished.First().Key)}";
        }, string.IsNullOrEmpty, "every orchestration to complete", Generous, PartitionLeasesAsync);
        await PaymentExport.AssertOneLineEachAsync(adminClient, paid);
        var budget = await adminClient.GetFromJsonAsync<JsonElement>($"api/relief/budgets/hardship/{Region}/{year}");
        Assert.Equal("200000.00", budget.GetProperty("spent").GetString());
        Assert.Equal("0.00", budget.GetProperty("reserved").GetString());
        // host.json's single partition never moves between live processes: a move under load strands the old owner's
        // fetched messages (see the README's durable settings).
        Assert.Equal(ownersBeforeDecisions, await PartitionOwnersAsync());
    }

    /// <summary>Each control-queue partition with its owner and since when it has owned it.</summary>
    private async Task<string[]> PartitionOwnersAsync()
    {
        var owners = new List<string>();
        await foreach (var lease in PartitionTable().QueryAsync<TableEntity>())
            owners.Add($"{lease.RowKey}: {lease.GetString("CurrentOwner")} since {lease.GetDateTimeOffset("OwnedSince"):O}");
        return [.. owners];
    }

    private TableClient PartitionTable() =>
        _azurite.CreateTableServiceClient().GetTableClient(ReliefApp.TaskHubName + "Partitions");

    /// <summary>
    /// The task hub's control-queue leases, queue depths (with the first visible messages) and the engine's warnings
    /// (lease changes, discarded or abandoned messages): an orchestration that waits on an activity's answer forever
    /// sits on a control queue that no process reads, or its answer was discarded.
    /// </summary>
    private async Task<string> PartitionLeasesAsync()
    {
        static string Start(string text) => text.Length > 300 ? text[..300] : text;
        var rows = new List<string>();
        await foreach (var lease in PartitionTable().QueryAsync<TableEntity>())
            rows.Add(string.Join(", ", lease.Where(p => p.Key is not ("odata.etag")).Select(p => $"{p.Key}={p.Value}")));
        // The Durable Task Framework's messages are plain JSON, not Base64.
        var queues = _azurite.CreateQueueServiceClient(new QueueClientOptions());
        var depths = new List<string>();
        await foreach (var queue in queues.GetQueuesAsync(prefix: ReliefApp.TaskHubName.ToLowerInvariant()))
        {
            var client = queues.GetQueueClient(queue.Name);
            var visible = (await client.PeekMessagesAsync(32)).Value;
            depths.Add($"{queue.Name}: {(await client.GetPropertiesAsync()).Value.ApproximateMessagesCount} in all, {visible.Length} visible" +
                string.Concat(visible.Take(3).Select(message => $"\n  {message.InsertedOn:O} {message.DequeueCount}× {Start(message.Body.ToString())}")));
        }
        var logged = _apps.SelectMany((app, n) => app.Output.Split('\n')
            .Where(line => line.Contains("DurableTask", StringComparison.Ordinal))
            .TakeLast(40).Select(line => $"[{n}] {line}"));
        return $"Leases:\n{string.Join('\n', rows)}\nQueues:\n{string.Join('\n', depths)}\nLogged:\n{string.Join('\n', logged)}";
    }

    /// <summary>What the app processes printed about one application.</summary>
    private string LinesAbout(string applicationId) => string.Join('\n', _apps.SelectMany((app, n) =>
        app.Output.Split('\n').Where(line => line.Contains(applicationId, StringComparison.Ordinal)).Select(line => $"[{n}] {line}")));

    /// <summary>
    /// A client of each process with this key, disposed with the test, and patient: the machine's two cores are shared,
    /// and this is not a timed test.
    /// </summary>
    private HttpClient[] Clients(string key)
    {
        var clients = _apps.Select(app => app.CreateClient(key)).ToArray();
        foreach (var client in clients)
            client.Timeout = Generous;
        _clients.AddRange(clients);
        return clients;
    }

    /// <summary>Reads each application not yet there, one at a time, until every one has <paramref name="status"/>; returns them as last read.</summary>
    private async Task<JsonElement[]> UntilEveryApplicationAsync(string[] ids, string status)
    {
        var reached = new Dictionary<string, JsonElement>();
        var reader = Clients(ReliefApp.OperatorKey)[0];
        await Eventually.ReadAsync(async () =>
        {
            foreach (var id in ids.Where(id => !reached.ContainsKey(id)))
            {
                var application = await reader.GetFromJsonAsync<JsonElement>($"api/relief/applications/{id}");
                if (ReliefApp.HasStatus(application, status))
                    reached[id] = application;
            }
            return ids.Length - reached.Count;
        }, remaining => remaining == 0, $"every application to be {status}", Generous,
            async () => $"{LinesAbout(ids.First(id => !reached.ContainsKey(id)))}\n{await PartitionLeasesAsync()}");
        return [.. ids.Select(id => reached[id])];
    }
}
