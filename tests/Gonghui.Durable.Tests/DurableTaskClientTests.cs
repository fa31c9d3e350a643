using Gonghui.Testing;

namespace Gonghui.Durable.Tests;

/// <summary>Conformance of DurableTaskClient members, on Azurite.</summary>
public sealed class DurableTaskClientTests(DurableTestHost host) : IClassFixture<DurableTestHost>
{
    [Fact]
    public async Task Schedule_with_an_instance_id_refuses_a_duplicate_that_is_still_running_and_restarts_a_finished_one()
    {
        var id = "dup-" + Guid.NewGuid().ToString("N");
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.WaitForApproval), new StartOrchestrationOptions(id));

        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.WaitForApproval), new StartOrchestrationOptions(id)));
        await host.Client.RaiseEventAsync(id, "approval", "first");
        Assert.Equal("first", (await host.CompleteAsync(id)).ReadOutputAs<string>());
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.EchoOrchestration), "second", new StartOrchestrationOptions(id));
        var second = await host.CompleteAsync(id);

        Assert.Equal(id, refused.InstanceId);
        Assert.Equal("second", second.ReadOutputAs<string>());
        Assert.Equal(nameof(TestOrchestrations.EchoOrchestration), second.Name);
    }

    [Fact]
    public async Task StartAt_keeps_the_instance_pending_until_then()
    {
        var startAt = DateTimeOffset.UtcNow.AddSeconds(5);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.EchoOrchestration), "later",
            new StartOrchestrationOptions(StartAt: startAt));

        var pending = await host.Client.GetInstanceAsync(id);
        var started = await host.Client.WaitForInstanceStartAsync(id);
        var result = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.Equal(startAt, pending.ScheduledStartTime);
        Assert.NotEqual(OrchestrationRuntimeStatus.Pending, started.RuntimeStatus);
        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        Assert.True(history.First(e => e.EventType == EventType.OrchestratorStarted).Timestamp >= startAt);
        Assert.Equal("later", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task GetInstance_with_and_without_inputs_and_outputs_and_unknown_ids()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.EchoOrchestration), "payload");

        var bare = await host.Client.GetInstanceAsync(result.InstanceId);
        var full = await host.Client.GetInstanceAsync(result.InstanceId, getInputsAndOutputs: true);

        Assert.Null(bare!.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.Equal("\"payload\"", full!.SerializedInput);
        Assert.Equal("payload", full.ReadOutputAs<string>());
        Assert.True(full.CreatedAt <= full.LastUpdatedAt);
        Assert.Null(await host.Client.GetInstanceAsync("no-such-instance"));
    }

    [Fact]
    public async Task Terminate_while_waiting_for_an_event()
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.WaitForApproval));
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.TerminateInstanceAsync(id, "no longer needed");
        var result = await host.CompleteAsync(id);
        await host.Client.RaiseEventAsync(id, "approval", "too late");

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("no longer needed", result.ReadOutputAs<string>());
        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        Assert.Single(history, e => e.EventType == EventType.ExecutionTerminated);
    }

    [Fact]
    public async Task Suspend_holds_the_orchestrator_and_resume_continues_it()
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.WaitForApproval));
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.SuspendInstanceAsync(id, "audit");
        await host.WaitForHistoryAsync(id, h => h.Any(e => e.EventType == EventType.ExecutionSuspended));
        await host.Client.RaiseEventAsync(id, "approval", "yes");
        await host.WaitForHistoryAsync(id, h => h.Any(e => e.EventType == EventType.EventRaised));

        var suspended = await host.Client.GetInstanceAsync(id);
        await host.Client.ResumeInstanceAsync(id, "audit done");
        var result = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended!.RuntimeStatus);
        Assert.Equal("yes", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task GetAllInstances_filters_by_status_created_time_and_prefix_and_pages()
    {
        var prefix = "list-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 5; i++)
            await host.RunAsync(nameof(TestOrchestrations.EchoOrchestration), i.ToString(), new StartOrchestrationOptions(prefix + i));
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.WaitForApproval), new StartOrchestrationOptions(prefix + "w"));
        await host.Client.WaitForInstanceStartAsync(waiting);
        var indexed = Enumerable.Range(0, 5).ToDictionary(i => prefix + i, _ => OrchestrationRuntimeStatus.Completed);
        indexed[waiting] = OrchestrationRuntimeStatus.Running;
        await host.WaitForIndexAsync(prefix, indexed);

        var completed = await host.Client.GetAllInstancesAsync(new OrchestrationQuery(
            CreatedFrom: before, Statuses: [OrchestrationRuntimeStatus.Completed], InstanceIdPrefix: prefix, PageSize: 2)).ToListAsync();
        var running = await host.Client.GetAllInstancesAsync(new OrchestrationQuery(
            Statuses: [OrchestrationRuntimeStatus.Running], InstanceIdPrefix: prefix, FetchInputsAndOutputs: true)).ToListAsync();
        var pages = new List<int>();
        await foreach (var page in host.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: prefix, PageSize: 2)).AsPages())
            pages.Add(page.Values.Count);
        var none = await host.Client.GetAllInstancesAsync(new OrchestrationQuery(CreatedTo: before, InstanceIdPrefix: prefix)).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 5).Select(i => prefix + i), completed.Select(m => m.InstanceId).Order());
        Assert.Equal(prefix + "w", Assert.Single(running).InstanceId);
        Assert.Null(running[0].SerializedOutput);
        Assert.True(running[0].RequestedInputsAndOutputs);
        Assert.Equal(6, pages.Sum());
        Assert.True(pages.Count >= 3);
        Assert.Empty(none);
        await host.Client.TerminateInstanceAsync(waiting);
    }

    [Fact]
    public async Task Purge_removes_finished_instances_and_leaves_running_ones()
    {
        var prefix = "purge-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var done = await host.RunAsync(nameof(TestOrchestrations.EchoOrchestration), "x", new StartOrchestrationOptions(prefix + "done"));
        var other = await host.RunAsync(nameof(TestOrchestrations.EchoOrchestration), "y", new StartOrchestrationOptions(prefix + "other"));
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.WaitForApproval), new StartOrchestrationOptions(prefix + "running"));
        await host.Client.WaitForInstanceStartAsync(running);
        await host.WaitForIndexAsync(prefix, new Dictionary<string, OrchestrationRuntimeStatus>
        {
            [done.InstanceId] = OrchestrationRuntimeStatus.Completed,
            [other.InstanceId] = OrchestrationRuntimeStatus.Completed,
            [running] = OrchestrationRuntimeStatus.Running,
        });

        var single = await host.Client.PurgeInstanceAsync(done.InstanceId);
        var notRunning = await host.Client.PurgeInstanceAsync(running);
        var all = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: other.CreatedAt.AddSeconds(-1)));

        Assert.Equal(1, single.PurgedInstanceCount);
        Assert.Equal(0, notRunning.PurgedInstanceCount);
        Assert.True(all.PurgedInstanceCount >= 1);
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId));
        Assert.Null(await host.Client.GetInstanceAsync(other.InstanceId));
        Assert.Empty(await host.Client.GetOrchestrationHistoryAsync(done.InstanceId));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
        Assert.Empty(await host.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: prefix + "d")).ToListAsync());
        await host.Client.TerminateInstanceAsync(running);
    }

    [Fact]
    public async Task History_lists_the_events_of_the_current_execution_in_order()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.EchoOrchestration), "h");

        var types = (await host.Client.GetOrchestrationHistoryAsync(result.InstanceId)).Select(e => e.EventType).ToList();

        Assert.Equal([EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.TaskScheduled,
            EventType.OrchestratorStarted, EventType.TaskCompleted, EventType.ExecutionCompleted], types);
    }

    [Fact]
    public async Task Payloads_beyond_a_queue_message_are_stored_aside_and_larger_ones_are_refused()
    {
        var large = new string('x', 100_000);
        var result = await host.RunAsync(nameof(TestOrchestrations.EchoOrchestration), large);

        Assert.Equal(large, result.ReadOutputAs<string>());
        var refused = await Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.EchoOrchestration), new string('y', 200_000)));
        Assert.Contains("at most", refused.Message);
    }

    [Fact]
    public async Task WaitForInstanceCompletion_of_an_unknown_instance_throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.WaitForInstanceCompletionAsync("missing-" + Guid.NewGuid()));
    }
}
