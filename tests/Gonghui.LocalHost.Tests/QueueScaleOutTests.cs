using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>Two app processes on one queue: every message runs exactly once, never in both at the same time.</summary>
public sealed class QueueScaleOutTests
{
    [Fact]
    public async Task Two_processes_on_one_queue_never_run_one_message_twice()
    {
        var app = new TestApp(await AzuriteServer.GetSharedAsync());
        QueueAppFixture.UseShortIntervals(app);
        app.Settings["AzureFunctionsJobHost:extensions:queues:batchSize"] = "2";
        app.Settings["AzureFunctionsJobHost:extensions:queues:newBatchThreshold"] = "1";
        var processes = new[] { app.StartProcessAsync(), app.StartProcessAsync() };
        await using var first = await processes[0];
        await using var second = await processes[1];

        var run = "scale" + Guid.NewGuid().ToString("N");
        var queue = app.Azurite.CreateQueueServiceClient().GetQueueClient(app.RecordQueue);
        const int messages = 12;
        // Each run outlasts the 2-second lease, so only renewal keeps the other process from taking the message.
        await Task.WhenAll(Enumerable.Range(0, messages).Select(_ => queue.SendMessageAsync($"{{\"run\":\"{run}\",\"durationMs\":2500}}")));

        var records = await app.WaitForRecordsAsync(run, r => TestApp.Phase(r, "end").Count >= messages, TimeSpan.FromSeconds(60));
        var starts = TestApp.Phase(records, "start");
        Assert.Equal(messages, starts.Select(r => r.GetString("MessageId")).Distinct().Count());
        Assert.Equal(messages, starts.Count);
        Assert.All(starts, r => Assert.Equal(1L, r.GetInt64("DequeueCount")));
        Assert.Equal(2, starts.Select(r => r.GetInt32("ProcessId")).Distinct().Count());
    }
}
