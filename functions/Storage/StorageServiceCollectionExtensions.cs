using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Gonghui.Functions.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Declares a capability's tables, queues and containers: the app creates them at start (<see cref="StorageProvisioner"/>),
    /// so its stores use plain clients and never create.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, StorageNames names)
    {
        if (!services.Any(d => ReferenceEquals(d.ImplementationInstance, names)))
            services.AddSingleton(names);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StorageProvisioner>());
        return services;
    }
}
