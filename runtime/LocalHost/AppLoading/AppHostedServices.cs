using Microsoft.Extensions.Hosting;

namespace Gonghui.LocalHost.AppLoading;

/// <summary>Starts and stops the app's own hosted services with the local host, as the worker host would.</summary>
internal sealed class AppHostedServices(FunctionApp app) : IHostedService
{
    private readonly IReadOnlyList<IHostedService> _services = app.OwnHostedServices();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in _services)
            await service.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var service in _services.Reverse())
            await service.StopAsync(cancellationToken);
    }
}
