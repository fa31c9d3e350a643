using Gonghui.Connections;
using System.Text.Json;
using System.Text.Json.Serialization;
using DurableTask.AzureStorage;
using Gonghui.LocalHost.Configuration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Durable;

public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Orchestration payloads (inputs, outputs, events, custom status) as JSON with web defaults (camelCase,
    /// case-insensitive reads), nulls left out.
    /// </summary>
    public static DataConverter PayloadConverter { get; } = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>
    /// Adds durable orchestrations on the Durable Task Framework's Azure Storage provider: one
    /// <see cref="AzureStorageOrchestrationService"/> (settings from host.json, see <see cref="DurableTaskHubSettings"/>;
    /// storage from <c>AzureWebJobsStorage</c>), a worker running the app's [OrchestrationTrigger] and [ActivityTrigger]
    /// functions on it, and a <see cref="DurableTaskClient"/> over the same service for functions and the management API.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => DurableTaskHubSettings.Read(configuration, sp.GetRequiredService<StorageConnection>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new AzureStorageOrchestrationService(sp.GetRequiredService<AzureStorageOrchestrationServiceSettings>()));
        services.AddSingleton(PayloadConverter);
        services.AddSingleton(sp =>
        {
            var service = sp.GetRequiredService<AzureStorageOrchestrationService>();
            return new TaskHubDurableTaskClient(sp.GetRequiredService<AzureStorageOrchestrationServiceSettings>().TaskHubName, service, service, service, sp.GetRequiredService<DataConverter>());
        });
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<TaskHubDurableTaskClient>());
        services.AddHostedService<DurableTaskWorkerHost>();
        return services;
    }
}
