using Microsoft.Extensions.Hosting;

namespace Gonghui.LocalHost.AppLoading;

/// <summary>
/// Starts and stops the app's own hosted services with the local host, as the worker host would. Their lifecycle steps
/// run in the local host's: an app service's <see cref="IHostedLifecycleService.StartingAsync"/> (the app creating its
/// storage) runs before any hosted service starts, so before the local host's queue, timer and durable listeners.
/// </summary>
internal sealed class AppHostedServices(FunctionApp app) : IHostedLifecycleService
{
    private readonly IReadOnlyList<IHostedService> _services = app.OwnHostedServices();

    public Task StartingAsync(CancellationToken cancellationToken) =>
        EachLifecycle(_services, s => s.StartingAsync(cancellationToken));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in _services)
            await service.StartAsync(cancellationToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken) =>
        EachLifecycle(_services, s => s.StartedAsync(cancellationToken));

    public Task StoppingAsync(CancellationToken cancellationToken) =>
        EachLifecycle(_services.Reverse(), s => s.StoppingAsync(cancellationToken));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var service in _services.Reverse())
            await service.StopAsync(cancellationToken);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) =>
        EachLifecycle(_services.Reverse(), s => s.StoppedAsync(cancellationToken));

    private static async Task EachLifecycle(IEnumerable<IHostedService> services, Func<IHostedLifecycleService, Task> step)
    {
        foreach (var service in services.OfType<IHostedLifecycleService>())
            await step(service);
    }
}
