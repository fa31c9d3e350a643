using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;

namespace Gonghui.LocalHost.TestApp;

/// <summary>A hosted service of the app's own (as a seeder would be): says whether the host started it.</summary>
public sealed class StartedProbe : IHostedService
{
    public bool Started { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Started = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class StartedProbeFunctions(StartedProbe probe)
{
    [Function(nameof(HostedServiceStarted))]
    public object HostedServiceStarted([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "test/hosted")] HttpRequest req) =>
        new { started = probe.Started };
}
