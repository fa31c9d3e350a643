using Gonghui.Testing;
using Xunit;

namespace Gonghui.LocalHost.Tests;

/// <summary>An Azurite without the speedups preload, for tests that hold the preload's answers against Azurite's own.</summary>
public sealed class AzuriteAsShippedFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite as shipped has not started.");

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync(speedups: false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
