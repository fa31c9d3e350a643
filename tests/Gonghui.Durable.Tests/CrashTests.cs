using Gonghui.Storage.Tables;
using Gonghui.Testing;

namespace Gonghui.Durable.Tests;

/// <summary>
/// The app process kills itself (SIGKILL) at an injected point of the engine's write paths and is restarted:
/// every orchestration completes, no history event is duplicated, the index matches the heads, and the
/// idempotent-by-key Charge activity changes the balance exactly once per call.
/// </summary>
public sealed class CrashTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Instances = 3;

    [Theory]
    [InlineData("after-commit")]
    [InlineData("after-sends")]
    [InlineData("activity-completed")]
    [InlineData("inside-activity")]
    [InlineData("timer-rearm")]
    [InlineData("raise-event")]
    public async Task Every_orchestration_completes_once_after_a_crash(string point)
    {
        var hub = "c" + Guid.NewGuid().ToString("N")[..12];
        string[] scenario = ["scenario", "flow", Instances.ToString()];

        await using (var crashing = TestAppProcess.Start(azurite.Server, hub, [.. scenario, "--raise"], crashAt: point))
        {
            var exit = await crashing.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit != 0 && crashing.Output.Contains($"crashing at {point}"), $"expected a crash at {point}; exit {exit}:\n{crashing.Output}");
        }
        await using (var restarted = TestAppProcess.Start(azurite.Server, hub, scenario))
        {
            var exit = await restarted.WaitForExitAsync(TimeSpan.FromSeconds(90));
            Assert.True(exit == 0, $"restarted app exited {exit}:\n{restarted.Output}");
        }

        var client = ClientOnly.Create(azurite.Server, hub);
        var problems = new List<string>();
        for (var i = 0; i < Instances; i++)
        {
            var id = $"flow-{i}";
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
            Assert.EndsWith("|12", instance.ReadOutputAs<string>());
            problems.AddRange(HubInspector.DuplicatedEvents(id, await client.GetOrchestrationHistoryAsync(id)));
        }
        if (point == "raise-event")
            Assert.Equal("event for flow-0|12", (await client.GetInstanceAsync("flow-0", true))!.ReadOutputAs<string>());
        Assert.Empty(problems);
        Assert.Empty(await HubInspector.IndexMismatches(azurite.Server, hub));

        var ledger = new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(hub + "Ledger");
        var balance = (await ledger.GetEntityAsync("account", "balance")).Value.GetInt32("Amount");
        var charges = await ledger.QueryAsync(TableOdataFilter.Create($"PartitionKey eq {"account"} and RowKey ne {"balance"}")).ToListAsync();
        var attempts = await ledger.QueryAsync(TableOdataFilter.Create($"PartitionKey eq {"attempts"}")).ToListAsync();
        Assert.Equal(Instances * 15, balance);
        Assert.Equal(Instances * 2, charges.Count);
        if (point == "inside-activity")
            Assert.True(attempts.Count > Instances * 2, "the activity killed mid-way ran again");
    }
}
