using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.ReliefService;

/// <summary>
/// Two processes of the app on one Azurite (one task hub), each taking half of the HTTP calls: 200 applications
/// submitted and decided at once all complete, none stays running, and each is paid once. On its own Azurite and
/// maildev, so the shared app's inbox stays small; in the relief collection so it does not run beside the other
/// app-process tests on this machine's two cores.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ReliefTwoProcessTests : IAsyncLifetime
{
    private const string Region = "110123";
    private const int Applications = 200;
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(10);
    private static readonly ParallelOptions AtOnce = new() { MaxDegreeOfParallelism = 25 };

    private AzuriteServer _azurite = null!;
    private MaildevServer _maildev = null!;
    private FunctionAppProcess[] _apps = [];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _maildev = await MaildevServer.StartAsync();
        var keys = new ApiKeyStore(_azurite.CreateTableServiceClient(), TimeProvider.System);
        await keys.SeedAsync(ReliefApp.OperatorKey, "test operator", ApiRoles.Operator);
        await keys.SeedAsync(ReliefApp.AdminKey, "test admin", ApiRoles.Admin);
        var dll = FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions");
        var settings = ReliefApp.SettingsFor(_azurite, _maildev);
        _apps = [await FunctionAppProcess.StartAsync(dll, settings), await FunctionAppProcess.StartAsync(dll, settings)];
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
            await app.DisposeAsync();
        await _maildev.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Two_hundred_applications_decided_at_once_across_two_processes_complete_and_are_paid_once_each()
    {
        var year = ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year;
        using (var admin = _apps[0].CreateClient(ReliefApp.AdminKey))
            await ReliefApp.PrepareRegionAsync(admin, _azurite.CreateTableServiceClient(), Region, "200000.00", year);
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);

        var ids = new string[Applications];
        await Parallel.ForEachAsync(Enumerable.Range(0, Applications), AtOnce, async (i, _) =>
        {
            using var operatorClient = App(i).CreateClient(ReliefApp.OperatorKey);
            using var submitted = await operatorClient.PostAsJsonAsync("api/relief/applications", ReliefApp.Request(Region, 1000 + i, "1000.00"),
                new JsonSerializerOptions(JsonSerializerDefaults.Web));
            Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
            ids[i] = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetString()!;
        });
        await UntilEveryApplicationAsync(ids, "awaiting_decision");

        await Parallel.ForEachAsync(Enumerable.Range(0, Applications), AtOnce, async (i, _) =>
        {
            using var approver = App(i + 1).CreateClient(ReliefApp.ApproverKey(district.Id));
            using var decided = await approver.PostAsJsonAsync($"api/approvals/{ApprovalTask.IdFor(ids[i], 0, 1)}/decision", new { decision = "approve" });
            Assert.True(decided.StatusCode == HttpStatusCode.OK, $"{ids[i]}: {await decided.Content.ReadAsStringAsync()}");
        });
        var paid = await UntilEveryApplicationAsync(ids, "paid");

        using var adminClient = _apps[1].CreateClient(ReliefApp.AdminKey);
        var running = ids.ToHashSet();
        await Poll.UntilAsync(async () =>
        {
            foreach (var id in running.ToList())
            {
                if (DurableInstances.RuntimeStatus(await DurableInstances.GetAsync(adminClient, id)) == "Completed")
                    running.Remove(id);
            }
            return running.Count;
        }, count => count == 0, Generous, "Orchestrations not yet completed");
        await PaymentExport.AssertOneLineEachAsync(adminClient, paid);
        var budget = await adminClient.GetFromJsonAsync<JsonElement>($"api/relief/budgets/hardship/{Region}/{year}");
        Assert.Equal("200000.00", budget.GetProperty("spent").GetString());
        Assert.Equal("0.00", budget.GetProperty("reserved").GetString());
        Assert.All(_apps, app => Assert.Contains("Payment instruction ", app.Output, StringComparison.Ordinal));
    }

    private FunctionAppProcess App(int i) => _apps[i % _apps.Length];

    /// <summary>Reads each application not yet there, one at a time, until every one has <paramref name="status"/>; returns them as last read.</summary>
    private async Task<JsonElement[]> UntilEveryApplicationAsync(string[] ids, string status)
    {
        var reached = new Dictionary<string, JsonElement>();
        using var reader = _apps[0].CreateClient(ReliefApp.OperatorKey);
        await Poll.UntilAsync(async () =>
        {
            foreach (var id in ids.Where(id => !reached.ContainsKey(id)))
            {
                var application = await reader.GetFromJsonAsync<JsonElement>($"api/relief/applications/{id}");
                if (ReliefApp.HasStatus(application, status))
                    reached[id] = application;
            }
            return ids.Length - reached.Count;
        }, remaining => remaining == 0, Generous, $"Applications not yet {status}");
        return [.. ids.Select(id => reached[id])];
    }
}
