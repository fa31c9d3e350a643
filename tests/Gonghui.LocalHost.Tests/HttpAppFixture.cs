using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>One local host process running the test app, shared by the HTTP and durable tests of a class.</summary>
public sealed class HttpAppFixture : IAsyncLifetime
{
    private FunctionAppProcess? _process;
    private TestApp? _app;

    public FunctionAppProcess Process => _process ?? throw new InvalidOperationException("Not started.");
    public TestApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _app = new TestApp(await AzuriteServer.GetSharedAsync());
        _process = await _app.StartProcessAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
    }
}
