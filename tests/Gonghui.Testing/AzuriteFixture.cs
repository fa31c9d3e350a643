using Xunit;

namespace Gonghui.Testing;

/// <summary>xunit class fixture handing tests the process-wide Azurite.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => _server = await AzuriteServer.GetSharedAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
