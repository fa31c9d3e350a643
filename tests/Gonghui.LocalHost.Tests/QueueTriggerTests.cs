using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>The queue-trigger rules against the real test app process and Azurite.</summary>
public sealed class QueueTriggerTests(QueueAppFixture fixture) : IClassFixture<QueueAppFixture>
{
    private QueueClient Queue(string name) => fixture.App.Azurite.CreateQueueServiceClient().GetQueueClient(name);

    [Fact]
    public async Task After_maxDequeueCount_failures_the_message_moves_unchanged_to_the_poison_queue()
    {
        var run = "poison" + Guid.NewGuid().ToString("N");
        var text = $"{{ \"run\": \"{run}\",   \"failTimes\": 99,\n \"note\": \"工会 ✓ <&>\" }}";
        await Queue(fixture.App.RecordQueue).SendMessageAsync(text);

        var poison = Queue(fixture.App.RecordQueue + "-poison");
        var moved = await Eventually.ReadAsync(async () => (await poison.PeekMessagesAsync(32)).Value.FirstOrDefault(m => m.Body.ToString().Contains(run)),
            found => found is not null, "the message in the poison queue", TimeSpan.FromSeconds(40), () => Task.FromResult(fixture.Process.Output));
        Assert.Equal(text, moved!.Body.ToString());
        var attempts = TestApp.Phase(await fixture.App.RecordsAsync(run), "end");
        Assert.Equal([1L, 2L, 3L], attempts.Select(a => a.GetInt64("DequeueCount")!.Value).Order());
        Assert.DoesNotContain((await Queue(fixture.App.RecordQueue).PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(run));
    }

    [Fact]
    public async Task A_failed_message_is_retried_after_visibilityTimeout_with_its_metadata_bound()
    {
        var run = "retry" + Guid.NewGuid().ToString("N");
        var sent = (await Queue(fixture.App.RecordQueue).SendMessageAsync($"{{\"run\":\"{run}\",\"failTimes\":1}}")).Value;

        var records = await fixture.App.WaitForRecordsAsync(run, r => TestApp.Phase(r, "end").Count >= 2);
        var attempts = TestApp.Phase(records, "end").OrderBy(r => r.GetInt64("DequeueCount")).ToList();
        Assert.Equal([1L, 2L], attempts.Select(a => a.GetInt64("DequeueCount")!.Value));
        Assert.All(attempts, a => Assert.Equal(sent.MessageId, a.GetString("MessageId")));
        Assert.All(attempts, a => Assert.Equal(sent.InsertionTime, a.GetDateTimeOffset("InsertionTime")));
        var gap = attempts[1].GetDateTimeOffset("Started")!.Value - attempts[0].GetDateTimeOffset("Ended")!.Value;
        Assert.True(gap >= QueueAppFixture.RetryDelay - TimeSpan.FromMilliseconds(150), $"Retried after {gap}");
        Assert.True(gap < QueueAppFixture.RetryDelay + TimeSpan.FromSeconds(5), $"Retried after {gap}");
    }

    [Fact]
    public async Task A_run_longer_than_the_lease_keeps_the_message_hidden_and_runs_once()
    {
        var run = "long" + Guid.NewGuid().ToString("N");
        var duration = QueueAppFixture.LeaseTime * 3;
        await Queue(fixture.App.RecordQueue).SendMessageAsync($"{{\"run\":\"{run}\",\"durationMs\":{(int)duration.TotalMilliseconds}}}");

        // Without renewal the message would become visible after 2 s and start again (dequeue count 2) meanwhile.
        var records = await fixture.App.WaitForRecordsAsync(run, r => TestApp.Phase(r, "end").Count >= 1);
        Assert.Single(TestApp.Phase(records, "start"));
        var attempt = Assert.Single(TestApp.Phase(records, "end"));
        Assert.Equal(1L, attempt.GetInt64("DequeueCount"));
        Assert.True(attempt.GetDateTimeOffset("Ended") - attempt.GetDateTimeOffset("Started") >= duration - TimeSpan.FromMilliseconds(50));
    }
}
