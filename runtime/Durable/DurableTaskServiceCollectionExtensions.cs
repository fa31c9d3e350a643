using Gonghui.Durable.Storage;
using Gonghui.Durable.Worker;
using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gonghui.Durable;

public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable engine: options bound from configuration (see <see cref="DurableTaskOptions.Bind"/>), the
    /// <see cref="DurableTaskClient"/> service and a hosted service running the dispatchers. Orchestrator and activity
    /// functions come from the <see cref="FunctionCatalog"/> in DI when the host registered one.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, IConfiguration configuration,
        Action<DurableTaskOptions>? configure = null)
    {
        var options = new DurableTaskOptions();
        options.Bind(configuration);
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FunctionInvoker>();
        services.AddSingleton<TaskHub>();
        services.AddSingleton<InstanceStore>();
        services.AddSingleton<InstanceCache>();
        services.AddSingleton<InstanceChangeSignals>();
        services.TryAddSingleton<LocalQueueSignals>();
        services.AddSingleton<LocalActivities>();
        services.AddSingleton(sp => new TaskRegistry(sp.GetRequiredService<DurableTaskOptions>(), sp));
        services.AddSingleton<OrchestrationProcessor>();
        services.AddSingleton<LocalDelivery>();
        services.AddSingleton(sp => new DurableTaskClient(sp.GetRequiredService<TaskHub>(), sp.GetRequiredService<InstanceStore>(),
            sp.GetRequiredService<InstanceCache>(), sp.GetRequiredService<InstanceChangeSignals>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<LocalDelivery>()));
        services.AddHostedService<DurableTaskWorkerService>();
        return services;
    }
}
