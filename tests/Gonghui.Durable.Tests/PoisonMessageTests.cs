namespace Gonghui.Durable.Tests;

/// <summary>A host whose failed steps are retried quickly and given up after three deliveries.</summary>
public sealed class PoisonTestHost : IAsyncLifetime
{
    public DurableTestHost Host { get; } = new()
    {
        Configure = options =>
        {
            options.MaxDequeueCount = 3;
            options.StepRetryDelay = TimeSpan.FromMilliseconds(50);
        },
    };

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// A message whose step fails every time (here: the commit of one instance's steps throws) is retried with a growing
/// delay, then kept in the {hub}-poison queue instead of being retried forever; other instances go on meanwhile.
/// </summary>
public sealed class PoisonMessageTests(PoisonTestHost fixture) : IClassFixture<PoisonTestHost>
{
    private readonly DurableTestHost _host = fixture.Host;

    [Fact]
    public async Task A_start_and_an_activity_result_whose_steps_keep_failing_end_in_the_poison_queue_and_others_complete()
    {
        var neverStarts = "never-starts-" + Guid.NewGuid().ToString("N")[..8];
        var neverResumes = "never-resumes-" + Guid.NewGuid().ToString("N")[..8];
        // The first step of neverResumes commits (its activity is scheduled); every later one fails, so the activity's result is never recorded.
        _host.FailAt = point => point == "before-commit:" + neverStarts
            || (point == "before-commit:" + neverResumes && _host.FaultPoints.GetValueOrDefault(point) > 1);

        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.HelloSequence), new[] { "Tokyo" },
            new StartOrchestrationOptions(neverStarts));
        await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TestOrchestrations.HelloSequence), new[] { "Tokyo" },
            new StartOrchestrationOptions(neverResumes));
        var healthy = await _host.RunAsync(nameof(TestOrchestrations.HelloSequence), new[] { "Lhasa" });
        Assert.Equal(OrchestrationRuntimeStatus.Completed, healthy.RuntimeStatus);

        var poison = _host.Azurite.CreateQueueServiceClient().GetQueueClient(_host.HubName.ToLowerInvariant() + "-poison");
        var poisoned = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !(poisoned.Any(b => b.Contains(neverStarts)) && poisoned.Any(b => b.Contains(neverResumes))))
        {
            await Task.Delay(200);
            poisoned = [.. (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString())];
        }
        Assert.Contains(poisoned, body => body.Contains(neverStarts) && body.Contains("ExecutionStarted"));
        Assert.Contains(poisoned, body => body.Contains(neverResumes) && body.Contains("TaskCompleted"));

        // Given up: no more attempts, and the instances stay where their last commit left them.
        var attempts = (_host.FaultPoints["before-commit:" + neverStarts], _host.FaultPoints["before-commit:" + neverResumes]);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(attempts, (_host.FaultPoints["before-commit:" + neverStarts], _host.FaultPoints["before-commit:" + neverResumes]));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await _host.Client.GetInstanceAsync(neverStarts))!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _host.Client.GetInstanceAsync(neverResumes))!.RuntimeStatus);
        Assert.DoesNotContain(await _host.Client.GetOrchestrationHistoryAsync(neverResumes), e => e.EventType == EventType.TaskCompleted);
        _host.FailAt = null;
    }
}
