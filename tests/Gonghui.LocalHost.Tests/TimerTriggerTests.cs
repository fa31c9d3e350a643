using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Gonghui.LocalHost.Timers;
using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>Timer functions in real app processes against Azurite.</summary>
public sealed class TimerTriggerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task With_two_processes_up_each_occurrence_runs_exactly_once()
    {
        var app = new TestApp(azurite.Server);
        app.Settings["TickSchedule"] = "*/2 * * * * *";
        var processes = new[] { app.StartProcessAsync(), app.StartProcessAsync() };
        await using var first = await processes[0];
        await using var second = await processes[1];

        var ticks = await app.WaitForRecordsAsync("tick",
            r => r.Select(t => t.GetDateTimeOffset("Occurrence")).Distinct().Count() >= 4, TimeSpan.FromSeconds(40));
        var perOccurrence = ticks.GroupBy(t => t.GetDateTimeOffset("Occurrence")!.Value).ToList();
        Assert.All(perOccurrence, occurrence => Assert.Single(occurrence));
        Assert.All(perOccurrence, occurrence => Assert.Equal(0, occurrence.Key.Second % 2));
    }

    [Fact]
    public async Task A_missed_occurrence_runs_at_start_marked_past_due_and_RunOnStartup_runs_once_at_start()
    {
        var app = new TestApp(azurite.Server);
        var missed = DateTimeOffset.UtcNow.AddHours(-1);
        var schedules = azurite.Server.CreateTableServiceClient().GetTableClient(TimerScheduleStore.TableName);
        await schedules.CreateIfNotExistsAsync();
        await schedules.UpsertEntityAsync(new TableEntity(app.Settings["AzureFunctionsWebHost:hostid"]!, "Tick")
        {
            ["Last"] = missed.AddYears(-1),
            ["Next"] = missed,
            ["LastUpdated"] = missed.AddYears(-1),
            ["Schedule"] = app.Settings["TickSchedule"],
        });

        await using var process = await app.StartProcessAsync();

        var tick = Assert.Single(await app.WaitForRecordsAsync("tick", r => r.Count >= 1));
        Assert.True(tick.GetBoolean("IsPastDue"));
        Assert.Equal(missed.ToUnixTimeMilliseconds(), tick.GetDateTimeOffset("Occurrence")!.Value.ToUnixTimeMilliseconds());
        var startup = Assert.Single(await app.WaitForRecordsAsync("startup", r => r.Count >= 1));
        Assert.False(startup.GetBoolean("IsPastDue"));
    }

    [Fact]
    public async Task A_timer_function_runs_now_on_a_POST_to_admin_functions_with_the_master_key()
    {
        var app = new TestApp(azurite.Server);
        app.Settings["TickSchedule"] = "0 0 0 1 1 *";
        await using var process = await app.StartProcessAsync();
        var run = new { input = "" };

        using (var withFunctionKey = process.CreateClient(app.FunctionKey))
            Assert.Equal(HttpStatusCode.Unauthorized, (await withFunctionKey.PostAsJsonAsync("admin/functions/Tick", run)).StatusCode);
        using var master = process.CreateClient(app.MasterKey);
        Assert.Equal(HttpStatusCode.NotFound, (await master.PostAsJsonAsync("admin/functions/NoSuchFunction", run)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await master.PostAsJsonAsync("admin/functions/Items", run)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await master.PostAsJsonAsync("admin/functions/Tick", run)).StatusCode);

        var tick = Assert.Single(await app.WaitForRecordsAsync("tick", r => r.Count >= 1));
        Assert.False(tick.GetBoolean("IsPastDue"));
    }
}
