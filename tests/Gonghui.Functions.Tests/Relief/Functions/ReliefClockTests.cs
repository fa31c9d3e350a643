using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Hotline;
using Gonghui.Testing;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// Reminder, escalation to the deputy and expiry through the running orchestration's durable timers: the real app in
/// its own process (on its own Azurite and maildev). Durable timers fire on the real clock, so the app counts working days
/// of <see cref="WorkingDay"/> (Gonghui:Relief:Testing:WorkingDayLength) and the 2/5/10 working-day deadlines come
/// seconds apart; where they fall in the State Council calendar is <see cref="ReliefTimingTests"/>' subject.
/// </summary>
public sealed class ReliefClockTests : IAsyncLifetime
{
    private const string Region = "110111";
    private const int Person = 77;
    private static readonly TimeSpan WorkingDay = TimeSpan.FromSeconds(2);

    private AzuriteServer _azurite = null!;
    private MaildevServer _maildev = null!;
    private FunctionAppProcess _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _maildev = await MaildevServer.StartAsync();
        await ReliefApp.SeedOperatorAndAdminKeysAsync(_azurite);

        var settings = new Dictionary<string, string?>(ReliefApp.SettingsFor(_azurite, _maildev))
        {
            ["Gonghui:Relief:Testing:WorkingDayLength"] = WorkingDay.ToString(),
        };
        _app = await FunctionAppProcess.StartAsync(FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions"), settings);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _maildev.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task The_running_orchestration_reminds_escalates_to_the_deputy_and_expires_by_its_timers()
    {
        using var admin = Client(ReliefApp.AdminKey);
        await ReliefApp.PrepareRegionAsync(admin, _azurite.CreateTableServiceClient(), Region, "50000.00", 2026);
        using var submitter = Client(ReliefApp.OperatorKey);
        using var submitted = await submitter.PostAsJsonAsync("api/relief/applications", ReliefApp.Request(Region, Person),
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        submitted.EnsureSuccessStatusCode();
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetString()!;
        var chief = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);
        var deputy = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: true);
        await MailAsync(applicationId, chief.Email, "待审批");

        var task = (await new ApplicationStore(_azurite.CreateTableServiceClient()).GetAsync(applicationId))!.State!.Task!;
        Assert.Equal(task.OpenedAt + 2 * WorkingDay, task.ReminderAt);
        Assert.Equal(task.OpenedAt + 5 * WorkingDay, task.EscalationAt);
        Assert.Equal(task.OpenedAt + 10 * WorkingDay, task.ExpiresAt);
        Assert.Equal("3000.00", (await BudgetAsync(admin)).GetProperty("reserved").GetString());

        await MailAsync(applicationId, chief.Email, "催办");
        Assert.True(DateTimeOffset.UtcNow >= task.ReminderAt, "The reminder came before its deadline.");
        var reminded = await WaitForAsync(applicationId, app => app.GetProperty("history").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "reminded"));
        Assert.Equal(1, reminded.GetProperty("waitingOn").GetArrayLength());

        await MailAsync(applicationId, deputy.Email, "转办");
        var escalated = await WaitForAsync(applicationId, app => app.GetProperty("waitingOn").GetArrayLength() == 2);
        Assert.Contains(escalated.GetProperty("waitingOn").EnumerateArray(), w => w.GetProperty("id").GetString() == deputy.Id);
        Assert.True(DateTimeOffset.UtcNow >= task.EscalationAt, "The deputy was asked before the escalation deadline.");

        var expired = await WaitForAsync(applicationId, app => ReliefApp.HasStatus(app, "returned"));
        Assert.Equal("expired", expired.GetProperty("history").EnumerateArray().Last().GetProperty("kind").GetString());
        // The state is saved before the step's effects run: the release follows it.
        await Eventually.ReadAsync(() => BudgetAsync(admin), budget => budget.GetProperty("reserved").GetString() == "0.00",
            "the expired application's reservation to be released");
    }

    private HttpClient Client(string key)
    {
        return _app.CreateClient(key);
    }

    private Task<MaildevEmail> MailAsync(string applicationId, string recipient, string tag) =>
        _maildev.WaitForEmailAsync(e => e.Subject?.Contains(applicationId, StringComparison.Ordinal) == true
            && e.Subject.Contains(tag, StringComparison.Ordinal) && e.To?.Any(t => t.Address == recipient) == true, TimeSpan.FromSeconds(30));

    private static async Task<JsonElement> BudgetAsync(HttpClient admin) =>
        await admin.GetFromJsonAsync<JsonElement>($"api/relief/budgets/hardship/{Region}/2026");

    private async Task<JsonElement> WaitForAsync(string applicationId, Func<JsonElement, bool> done)
    {
        using var client = Client(ReliefApp.OperatorKey);
        return await Eventually.ReadAsync(() => client.GetFromJsonAsync<JsonElement>($"api/relief/applications/{applicationId}"), done,
            $"application {applicationId} to reach the awaited state");
    }
}
