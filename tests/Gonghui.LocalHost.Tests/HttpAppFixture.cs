using Gonghui.Testing;

namespace Gonghui.Hosting.Tests;

/// <summary>One test app process (Development, a key per role) shared by the HTTP tests of a class.</summary>
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
        // Development keys are seeded just after start; wait until the admin key works.
        using var admin = _process.CreateClient(_app.Keys[Triggers.ApiRoles.Admin]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await admin.GetAsync("api/admin/keys")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Development keys were not seeded:\n" + _process.Output);
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
    }
}
