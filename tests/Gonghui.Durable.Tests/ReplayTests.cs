namespace Gonghui.Durable.Tests;

/// <summary>Determinism checks and side-by-side versions.</summary>
public sealed class ReplayTests(DurableTestHost host) : IClassFixture<DurableTestHost>
{
    [Fact]
    public async Task A_changed_orchestrator_fails_the_instance_with_an_error_naming_the_step()
    {
        TestOrchestrations.FlakyTakesOtherPath = false;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.Flaky));
        await host.WaitForHistoryAsync(id, h => h.Any(e => e.EventType == EventType.TaskCompleted));
        TestOrchestrations.FlakyTakesOtherPath = true;
        try
        {
            await host.Client.RaiseEventAsync(id, "continue", "done");
            var result = await host.CompleteAsync(id);

            Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
            Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
            Assert.Contains("step 0", result.FailureDetails.ErrorMessage);
            Assert.Contains("activity 'SayHello'", result.FailureDetails.ErrorMessage);
            Assert.Contains("activity 'Echo'", result.FailureDetails.ErrorMessage);
        }
        finally
        {
            TestOrchestrations.FlakyTakesOtherPath = false;
        }
    }

    [Fact]
    public async Task Versions_run_side_by_side_and_a_running_instance_keeps_its_version()
    {
        var old = await host.Client.ScheduleNewOrchestrationInstanceAsync("Versioned", "in", new StartOrchestrationOptions { Version = "1.0" });
        await host.Client.WaitForInstanceStartAsync(old);

        var newer = await host.RunAsync("Versioned", "in");
        await host.Client.RaiseEventAsync(old, "go", "now");
        var older = await host.CompleteAsync(old);

        Assert.Equal("v2:2.0", newer.ReadOutputAs<string>());
        Assert.Equal("2.0", newer.Version);
        Assert.Equal("v1:1.0", older.ReadOutputAs<string>());
        Assert.Equal("1.0", older.Version);
    }

    [Fact]
    public async Task An_unknown_orchestrator_fails_clearly()
    {
        var result = await host.RunAsync("NoSuchOrchestrator");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("NoSuchOrchestrator", result.FailureDetails!.ErrorMessage);
    }
}
