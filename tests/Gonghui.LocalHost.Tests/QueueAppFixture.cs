using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>One test app process with short queue intervals: lease 2 s (renewed each second), retry after 2 s, 3 dequeues.</summary>
public sealed class QueueAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    public const int MaxDequeueCount = 3;

    private FunctionAppProcess? _process;
    private TestApp? _app;

    public FunctionAppProcess Process => _process ?? throw new InvalidOperationException("Not started.");
    public TestApp App => _app ?? throw new InvalidOperationException("Not started.");

    public static void UseShortIntervals(TestApp app)
    {
        app.Settings["Gonghui:Queues:LeaseTime"] = LeaseTime.ToString();
        app.Settings["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = RetryDelay.ToString();
        app.Settings["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = MaxDequeueCount.ToString();
    }

    public async Task InitializeAsync()
    {
        _app = new TestApp(await AzuriteServer.GetSharedAsync());
        UseShortIntervals(_app);
        _process = await _app.StartProcessAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
    }
}
