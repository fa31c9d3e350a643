using System.Text.RegularExpressions;
using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// An Azurite where <c>UseDevelopmentStorage=true</c> points: the default ports 10000-10002 on loopback. It starts one
/// there when the ports are free; when they are taken (a developer's <c>./run.sh</c> Azurite), tests use the one
/// already listening, which they share only through unique names.
/// </summary>
public sealed class DevelopmentStorageAzuriteFixture : IAsyncLifetime
{
    private NodeServerProcess? _process;

    /// <summary>Whether this fixture started the Azurite (false: one was already on the default ports).</summary>
    public bool Started => _process is not null;

    public async Task InitializeAsync()
    {
        try
        {
            (_process, _) = await NodeServerProcess.StartAsync("node_modules/azurite/dist/src/azurite.js",
                [
                    "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
                    "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                ],
                [new Regex("Azurite Blob service is successfully listening"), new Regex("Azurite Queue service is successfully listening"),
                    new Regex("Azurite Table service is successfully listening")],
                TimeSpan.FromSeconds(60));
        }
        catch (InvalidOperationException e) when (e.Message.Contains("EADDRINUSE"))
        {
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
    }
}
