using Azure.Core;
using Azure.Storage.Queues;
using Gonghui.Hosting.Queues;
using Microsoft.Extensions.DependencyInjection;
using Gonghui.Testing;

namespace Gonghui.Hosting.Tests;

/// <summary>Queue rules that need to look inside the app: request counts while idle, and graceful shutdown.</summary>
public sealed class QueueListenerInProcessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_idle_queue_is_polled_with_exponential_back_off_up_to_maxPollingInterval()
    {
        var app = new TestApp(azurite.Server);
        var counter = new ReceiveCounter(app.Settings["NoOpQueue"]!);
        var options = new QueueClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var builder = app.CreateInProcessBuilder();
        builder.Services.AddSingleton(new QueueServiceClient(azurite.Server.ConnectionString, options));
        await using var host = builder.Build();
        await host.StartAsync();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (counter.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The listener never polled.");
            await Task.Delay(50);
        }
        // Back-off from 200 ms doubling to the test app's maxPollingInterval of 1 s: about 6 receives in 5 s;
        // polling at the 100 ms minimum would make about 50. A slow machine makes fewer, never more.
        var before = counter.Count;
        await Task.Delay(TimeSpan.FromSeconds(5));
        var idleReceives = counter.Count - before;
        Assert.InRange(idleReceives, 1, 9);

        // A message ends the back-off: it is processed within about one maximum interval.
        var queue = azurite.Server.CreateQueueServiceClient().GetQueueClient(app.Settings["NoOpQueue"]!);
        await queue.SendMessageAsync("wake up");
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The message was not processed.");
            await Task.Delay(50);
        }
        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_this_process_sends_wakes_its_idle_listener_at_once()
    {
        var app = new TestApp(azurite.Server);
        app.Settings[QueuesOptions.Section + ":maxPollingInterval"] = "00:01:00";
        var builder = app.CreateInProcessBuilder();
        await using var host = builder.Build();
        await host.StartAsync();
        var queue = azurite.Server.CreateQueueServiceClient().GetQueueClient(app.Settings["NoOpQueue"]!);
        await queue.CreateIfNotExistsAsync();
        // Idle long enough for the back-off (100 ms doubling, up to a minute) to reach about 13 s: polls at about
        // 6.3 and 12.7 s, the next at about 25.5 s, so without the wake-up the message would wait about 10 s.
        await Task.Delay(TimeSpan.FromSeconds(16));

        var sent = DateTime.UtcNow;
        await host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(app.Settings["NoOpQueue"]!).SendMessageAsync("wake up");
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTime.UtcNow - sent < TimeSpan.FromSeconds(5), "The listener slept through a message its own process sent.");
            await Task.Delay(50);
        }
        await host.StopAsync();
    }

    [Fact]
    public async Task Stopping_finishes_the_running_message_and_fetches_no_more()
    {
        var app = new TestApp(azurite.Server);
        var queue = azurite.Server.CreateQueueServiceClient().GetQueueClient(app.RecordQueue);
        await queue.CreateIfNotExistsAsync();
        var run = "stop" + Guid.NewGuid().ToString("N");
        await queue.SendMessageAsync($"{{\"run\":\"{run}\",\"durationMs\":2000}}");
        await using var host = app.CreateInProcessBuilder().Build();
        await host.StartAsync();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await queue.PeekMessagesAsync()).Value.Length > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The message was not received.");
            await Task.Delay(50);
        }
        await host.StopAsync();

        var record = Assert.Single(TestApp.Phase(await app.RecordsAsync(run), "end"));
        Assert.True(record.GetDateTimeOffset("Ended") - record.GetDateTimeOffset("Started") >= TimeSpan.FromMilliseconds(1950));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        await queue.SendMessageAsync($"{{\"run\":\"{run}\"}}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(TestApp.Phase(await app.RecordsAsync(run), "start"));
    }
}
