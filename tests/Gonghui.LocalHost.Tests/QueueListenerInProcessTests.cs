using Azure.Core;
using Azure.Storage.Queues;
using Gonghui.LocalHost.Functions;
using Gonghui.LocalHost.Queues;
using Gonghui.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// Queue rules that need to look inside the host: receive requests while idle (a listener of the test app's NoOp
/// function on a counting client), a send through the host's queue client waking its idle listener, and a graceful
/// stop finishing the running message.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class QueueListenerInProcessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_idle_queue_is_polled_with_exponential_back_off_up_to_maxPollingInterval()
    {
        var queueName = AzuriteServer.UniqueName("idle");
        var counter = new ReceiveCounter(queueName);
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var queues = new QueueServiceClient(azurite.Server.ConnectionString, options);
        // Built, not started: its invoker (which needs storage for the durable client) runs NoOp for the listener.
        await using var web = LocalFunctionHost.Build(["--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", azurite.Server.ConnectionString],
            TestApp.Folder);
        var function = web.Services.GetRequiredService<FunctionCatalog>().Find("NoOp")!;
        var queueOptions = web.Services.GetRequiredService<QueuesOptions>();
        Assert.Equal(TimeSpan.FromSeconds(1), queueOptions.MaxPollingInterval);
        var listener = new QueueListener(function, queues.GetQueueClient(queueName), queues.GetQueueClient(queueName + "-poison"), queueOptions,
            localSends: null, web.Services.GetRequiredService<FunctionInvoker>(), NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token, CancellationToken.None);

        await Eventually.TrueAsync(() => Task.FromResult(counter.Count > 0), "the listener's first poll", TimeSpan.FromSeconds(20));
        // Back-off from 200 ms doubling to the test app's maxPollingInterval of 1 s: about 6 receives in 5 s;
        // polling at the 100 ms minimum would make about 50. A slow machine makes fewer, never more.
        var before = counter.Count;
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.InRange(counter.Count - before, 1, 9);

        // A message ends the back-off: it is processed within about one maximum interval.
        var queue = azurite.Server.CreateQueueServiceClient().GetQueueClient(queueName);
        await queue.SendMessageAsync("wake up");
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the message to be processed",
            TimeSpan.FromSeconds(15));
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_message_sent_through_the_host_queue_client_wakes_its_idle_listener_at_once()
    {
        var queueName = AzuriteServer.UniqueName("wake");
        await using var web = LocalFunctionHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--AzureWebJobsStorage", azurite.Server.ConnectionString,
            "--AzureFunctionsJobHost:extensions:queues:maxPollingInterval", "00:01:00",
            "--AzureFunctionsJobHost:extensions:durableTask:hubName", AzuriteServer.UniqueName("hub"),
            "--AzureFunctionsWebHost:hostid", AzuriteServer.UniqueName("host"),
            "--NoOpQueue", queueName,
            "--RecordQueue", AzuriteServer.UniqueName("record"),
            "--TickSchedule", "0 0 0 1 1 *",
            "--AzureWebJobs.Startup.Disabled", "true",
        ], TestApp.Folder);
        await LocalFunctionHost.StartAsync(web);
        var queue = azurite.Server.CreateQueueServiceClient().GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        // Idle long enough for the back-off (100 ms doubling, up to a minute) to reach about 13 s: polls at about
        // 6.3 and 12.7 s, the next at about 25.5 s, so without the wake-up the message would wait about 10 s.
        await Task.Delay(TimeSpan.FromSeconds(16));

        await web.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(queueName).SendMessageAsync("wake up");
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            "the idle listener to take a message its own process sent (it would sleep about 10 s more)", TimeSpan.FromSeconds(5));
        await web.StopAsync();
    }

    [Fact]
    public async Task Stopping_the_host_finishes_the_running_message_and_deletes_it()
    {
        var app = new TestApp(azurite.Server);
        var queue = azurite.Server.CreateQueueServiceClient().GetQueueClient(app.RecordQueue);
        await queue.CreateIfNotExistsAsync();
        var run = "stop" + Guid.NewGuid().ToString("N");
        await using var host = await app.StartProcessAsync();
        await queue.SendMessageAsync($"{{\"run\":\"{run}\",\"durationMs\":3000}}");
        await app.WaitForRecordsAsync(run, r => TestApp.Phase(r, "start").Count == 1);

        Assert.Equal(0, await host.StopAsync(TimeSpan.FromSeconds(30)));

        var record = Assert.Single(TestApp.Phase(await app.RecordsAsync(run), "end"));
        Assert.True(record.GetDateTimeOffset("Ended") - record.GetDateTimeOffset("Started") >= TimeSpan.FromMilliseconds(2950));
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
