namespace Gonghui.Durable.Tests;

/// <summary>Conformance of TaskOrchestrationContext members, on Azurite.</summary>
public sealed class OrchestrationContextTests(DurableTestHost host) : IClassFixture<DurableTestHost>
{
    [Fact]
    public async Task Activities_run_in_sequence_and_return_results()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.HelloSequence), new[] { "Tokyo", "Seattle", "London" });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], result.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task Fan_out_fan_in_with_WhenAll()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.FanOutFanIn), 40);

        Assert.Equal(Enumerable.Range(1, 40).Sum(i => i * i), result.ReadOutputAs<int>());
        var history = await host.Client.GetOrchestrationHistoryAsync(result.InstanceId);
        Assert.Equal(40, history.Count(e => e.EventType == EventType.TaskScheduled));
        Assert.Equal(40, history.Count(e => e.EventType == EventType.TaskCompleted));
    }

    [Fact]
    public async Task Class_based_orchestrator_and_activity()
    {
        var result = await host.RunAsync(nameof(MultiplyOrchestrator), new MultiplyInput(6, 7));

        Assert.Equal(42, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Events_raised_before_the_wait_are_buffered_and_delivered_first_in_first_out_per_name()
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.EventsInOrder));
        await host.Client.RaiseEventAsync(id, "item", "a");
        await host.Client.RaiseEventAsync(id, "Item", "b");
        await host.Client.RaiseEventAsync(id, "other", "ignored");
        await host.Client.RaiseEventAsync(id, "item", "c");

        var result = await host.CompleteAsync(id);

        Assert.Equal("abc", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_arriving_while_an_activity_runs_is_buffered()
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.EventDuringActivity));
        await host.WaitForHistoryAsync(id, h => h.Any(e => e.EventType == EventType.TaskScheduled));
        await host.Client.RaiseEventAsync(id, "during", "data");
        await host.WaitForHistoryAsync(id, h => h.Any(e => e.EventType == EventType.EventRaised));
        TestOrchestrations.Gates.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        var result = await host.CompleteAsync(id);

        Assert.Equal("gate+data", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_with_timeout_returns_the_event_when_it_comes_first()
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.EventOrTimeout), 30.0);
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.RaiseEventAsync(id, "answer", "yes");

        Assert.Equal("yes", (await host.CompleteAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_with_timeout_throws_TaskCanceledException_when_the_timer_comes_first()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.EventOrTimeout), 0.5);

        Assert.Equal("timeout", result.ReadOutputAs<string>());
        var history = await host.Client.GetOrchestrationHistoryAsync(result.InstanceId);
        Assert.Single(history, e => e.EventType == EventType.TimerFired);
    }

    [Fact]
    public async Task Timer_versus_event_race_with_WhenAny_in_both_orders()
    {
        var eventWins = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.TimerRace), 30.0);
        await host.Client.WaitForInstanceStartAsync(eventWins);
        await host.Client.RaiseEventAsync(eventWins, "signal", "s");
        var timerWins = await host.RunAsync(nameof(TestOrchestrations.TimerRace), 0.3);

        Assert.Equal("event:s", (await host.CompleteAsync(eventWins)).ReadOutputAs<string>());
        Assert.Equal("timer", timerWins.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_failing_activity_reaches_the_orchestrator_as_TaskFailedException_after_retries_are_exhausted()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.RetryUntilExhausted));

        Assert.Equal("System.InvalidOperationException:attempt 3 failed", result.ReadOutputAs<string>());
        Assert.Equal(3, TestOrchestrations.Attempts[result.InstanceId]);
        var history = await host.Client.GetOrchestrationHistoryAsync(result.InstanceId);
        Assert.Equal(2, history.Count(e => e.EventType == EventType.TimerCreated));
    }

    [Fact]
    public async Task A_retry_policy_handle_predicate_can_refuse_to_retry()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.RetryNotHandled));

        Assert.Equal("gave up", result.ReadOutputAs<string>());
        Assert.Equal(1, TestOrchestrations.Attempts[result.InstanceId]);
    }

    [Fact]
    public async Task A_failing_sub_orchestration_reaches_the_parent_with_its_failure_details()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.ParentOfFailing));

        Assert.Equal("Failing|System.InvalidOperationException|boom", result.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync(result.InstanceId + "-child");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, child!.RuntimeStatus);
        Assert.Equal("boom", child.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task A_sub_orchestration_knows_its_name_instance_and_parent()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.ParentOfChild));

        Assert.Equal($"ChildInfo|{result.InstanceId}-info|{result.InstanceId}|ParentOfChild|from parent", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_keeps_events_that_arrived_but_were_not_yet_consumed()
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.Accumulate), 0);
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.SuspendInstanceAsync(id, "hold events");
        await host.WaitForHistoryAsync(id, h => h.Any(e => e.EventType == EventType.ExecutionSuspended));
        foreach (var value in new[] { 1, 2, 3 })
            await host.Client.RaiseEventAsync(id, "add", value);
        await host.WaitForHistoryAsync(id, h => h.Count(e => e.EventType == EventType.EventRaised) == 3);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "go on");
        var result = await host.CompleteAsync(id);

        Assert.Equal(6, result.ReadOutputAs<int>());
        var lastGeneration = await host.Client.GetOrchestrationHistoryAsync(id);
        Assert.Equal("3", lastGeneration.Single(e => e.EventType == EventType.ExecutionStarted).Input);
        Assert.Equal("3", lastGeneration.Single(e => e.EventType == EventType.EventRaised).Input);
    }

    [Fact]
    public async Task NewGuid_and_CurrentUtcDateTime_are_deterministic_and_IsReplaying_is_reported()
    {
        var result = await host.RunAsync(nameof(TestOrchestrations.DeterministicValues));

        Assert.Equal("True|True|True|Utc", result.ReadOutputAs<string>());
        Assert.True(TestOrchestrations.ReplayFlags.ContainsKey(result.InstanceId + ":False"));
        Assert.True(TestOrchestrations.ReplayFlags.ContainsKey(result.InstanceId + ":True"));
        Assert.True(TestOrchestrations.ReplayFlags.ContainsKey(result.InstanceId + ":after:True"));
    }

    [Fact]
    public async Task SendEvent_delivers_to_another_instance_and_custom_status_is_visible()
    {
        var receiver = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.WaitForApproval));
        var started = await host.Client.WaitForInstanceStartAsync(receiver, getInputsAndOutputs: true);
        await host.WaitForHistoryAsync(receiver, h => h.Count > 0);
        var waiting = await host.Client.GetInstanceAsync(receiver, getInputsAndOutputs: true);

        await host.RunAsync(nameof(TestOrchestrations.Sender), receiver);
        var result = await host.CompleteAsync(receiver);

        Assert.NotEqual(OrchestrationRuntimeStatus.Pending, started.RuntimeStatus);
        Assert.Equal("waiting", waiting!.ReadCustomStatusAs<System.Text.Json.JsonElement>().GetProperty("stage").GetString());
        Assert.StartsWith("sent by ", result.ReadOutputAs<string>());
        Assert.Equal("decided", result.ReadCustomStatusAs<System.Text.Json.JsonElement>().GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_timer_longer_than_the_maximum_queue_visibility_is_re_armed_and_fires_on_time()
    {
        var rearmsBefore = host.FaultPoints.GetValueOrDefault("timer-rearm");
        var result = await host.RunAsync(nameof(TestOrchestrations.LongTimer), 3.5);

        var fireAt = result.ReadOutputAs<DateTime>();
        var fired = (await host.Client.GetOrchestrationHistoryAsync(result.InstanceId)).Single(e => e.EventType == EventType.TimerFired);
        Assert.True(host.FaultPoints.GetValueOrDefault("timer-rearm") - rearmsBefore >= 2, "a 3.5 s timer with 1 s maximum visibility is re-armed at least twice");
        Assert.True(result.LastUpdatedAt >= new DateTimeOffset(fireAt, TimeSpan.Zero), "the timer did not fire early");
        Assert.Equal(fireAt, fired.FireAt!.Value.UtcDateTime);
    }
}
