using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Hosting.Durable;
using Gonghui.Functions.Hotline;
using Gonghui.Functions.Notifications;
using Gonghui.Functions.Relief;
using Gonghui.Functions.ReliefService;
using Gonghui.Functions.Tests.Hotline;
using Gonghui.Functions.Tests.Relief;
using Gonghui.Hosting;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;
using Gonghui.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gonghui.Functions.Tests.ReliefService;

/// <summary>
/// Reminder, escalation to the deputy and expiry through the running orchestration: the real app in this process (on
/// its own Azurite and maildev) under a <see cref="ManualClock"/>, with durable timer messages re-checked every second
/// (<see cref="DurableTaskOptions.MaxTimerVisibility"/>), so the orchestration's timers fire when the clock passes them.
/// The task opens on Tuesday 29 September 2026; 1–7 October are the National Day holiday and Saturday 10 October is a
/// working day, so the 2/5/10 working-day deadlines fall on 8, 12 and 19 October.
/// </summary>
public sealed class ReliefClockTests : IAsyncLifetime
{
    private const string Region = "110111";
    private const int Person = 77;

    private readonly ManualClock _clock = new(WeekendWorkingDays.Cst(2026, 9, 29, 10));
    private AzuriteServer _azurite = null!;
    private MaildevServer _maildev = null!;
    private FunctionsApplication _app = null!;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _maildev = await MaildevServer.StartAsync();
        var keys = new ApiKeyStore(_azurite.CreateTableServiceClient(), TimeProvider.System);
        await keys.SeedAsync(ReliefApp.OperatorKey, "test operator", ApiRoles.Operator);
        await keys.SeedAsync(ReliefApp.AdminKey, "test admin", ApiRoles.Admin);

        var builder = FunctionsApplication.CreateBuilder([], RepositoryRoot.Path);
        builder.Configuration.AddInMemoryCollection(ReliefApp.SettingsFor(_azurite, _maildev));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFunctions(typeof(ReliefActivities).Assembly);
        builder.Services.AddNotifications(builder.Configuration);
        builder.Services.AddDurableTask(builder.Configuration);
        builder.Services.AddHotline(builder.Configuration);
        builder.AddRelief();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(_clock);
        _app = builder.Build();
        await _app.StartAsync();
        _baseAddress = new Uri(_app.Urls.First() + "/");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _maildev.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task The_running_orchestration_reminds_escalates_to_the_deputy_and_expires_on_working_days()
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
        Assert.Equal(WeekendWorkingDays.Cst(2026, 10, 8, 10), task.ReminderAt);
        Assert.Equal(WeekendWorkingDays.Cst(2026, 10, 12, 10), task.EscalationAt);
        Assert.Equal(WeekendWorkingDays.Cst(2026, 10, 19, 10), task.ExpiresAt);
        Assert.Equal("3000.00", (await BudgetAsync(admin)).GetProperty("reserved").GetString());

        _clock.Now = WeekendWorkingDays.Cst(2026, 10, 8, 11);
        await MailAsync(applicationId, chief.Email, "催办");
        await WaitForAsync(applicationId, app => app.GetProperty("history").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "reminded"));

        _clock.Now = WeekendWorkingDays.Cst(2026, 10, 12, 11);
        await MailAsync(applicationId, deputy.Email, "转办");
        var escalated = await WaitForAsync(applicationId, app => app.GetProperty("waitingOn").GetArrayLength() == 2);
        Assert.Contains(escalated.GetProperty("waitingOn").EnumerateArray(), w => w.GetProperty("id").GetString() == deputy.Id);

        _clock.Now = WeekendWorkingDays.Cst(2026, 10, 19, 11);
        var expired = await WaitForAsync(applicationId, app => ReliefApp.HasStatus(app, "returned"));
        Assert.Equal("expired", expired.GetProperty("history").EnumerateArray().Last().GetProperty("kind").GetString());
        // The state is saved before the step's effects run: the release follows it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await BudgetAsync(admin)).GetProperty("reserved").GetString() != "0.00")
        {
            Assert.True(DateTime.UtcNow < deadline, "The expired application's reservation was not released.");
            await Task.Delay(100);
        }
    }

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = _baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    private Task<MaildevEmail> MailAsync(string applicationId, string recipient, string tag) =>
        _maildev.WaitForEmailAsync(e => e.Subject?.Contains(applicationId, StringComparison.Ordinal) == true
            && e.Subject.Contains(tag, StringComparison.Ordinal) && e.To?.Any(t => t.Address == recipient) == true, TimeSpan.FromSeconds(30));

    private static async Task<JsonElement> BudgetAsync(HttpClient admin) =>
        await admin.GetFromJsonAsync<JsonElement>($"api/relief/budgets/hardship/{Region}/2026");

    private async Task<JsonElement> WaitForAsync(string applicationId, Func<JsonElement, bool> done)
    {
        using var client = Client(ReliefApp.OperatorKey);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var application = await client.GetFromJsonAsync<JsonElement>($"api/relief/applications/{applicationId}");
            if (done(application)) return application;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Application {applicationId} stayed at {application}.");
            await Task.Delay(100);
        }
    }
}
