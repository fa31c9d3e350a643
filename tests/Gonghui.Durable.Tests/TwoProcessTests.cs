using Gonghui.Testing;

namespace Gonghui.Durable.Tests;

/// <summary>Two app processes on one Azurite and one task hub share the work; the head ETag keeps them consistent.</summary>
public sealed class TwoProcessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_processes_complete_200_fan_out_orchestrations_without_duplicates_or_index_drift()
    {
        var hub = "p" + Guid.NewGuid().ToString("N")[..12];
        var client = ClientOnly.Create(azurite.Server, hub);
        await using var first = TestAppProcess.Start(azurite.Server, hub, ["worker"]);
        await using var second = TestAppProcess.Start(azurite.Server, hub, ["worker"]);

        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("FanOut", 4, new StartOrchestrationOptions($"fan-{i:D3}")));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var results = new List<OrchestrationMetadata>();
        foreach (var id in ids)
            results.Add(await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token));

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.All(results, r => Assert.Equal(20, r.ReadOutputAs<int>()));
        var duplicates = new List<string>();
        foreach (var id in ids)
            duplicates.AddRange(HubInspector.DuplicatedEvents(id, await client.GetOrchestrationHistoryAsync(id)));
        Assert.Empty(duplicates);
        Assert.Empty(await HubInspector.IndexMismatches(azurite.Server, hub));
        var statuses = await client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Completed], PageSize: 50)).ToListAsync();
        Assert.Equal(200, statuses.Count);
        Assert.DoesNotContain("fail", first.Output + second.Output, StringComparison.OrdinalIgnoreCase);
    }
}
