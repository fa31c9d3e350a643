using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.Registry.Stores;
using Gonghui.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gonghui.Functions.Registry;

public static class RegistryServiceCollectionExtensions
{
    public static readonly StorageNames Storage = new() { Tables = [RecordStore.TableName, SearchIndexStore.TableName, RevealAuditStore.TableName] };

    /// <summary>
    /// The model-worker registry: its stores, <see cref="RegistryService"/> and the <see cref="ModelWorkerLookup"/> relief
    /// asks. Settings (<see cref="RegistrySettings.NationalIdHashKeySetting"/>) are read on first use. Safe to call more
    /// than once (relief adds it for its lookup).
    /// </summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorage(Storage);
        services.TryAddSingleton(new RegistrySettings(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RecordStore>();
        services.TryAddSingleton<SearchIndexStore>();
        services.TryAddSingleton<RevealAuditStore>();
        services.TryAddSingleton<RegistryService>();
        services.TryAddSingleton<ModelWorkerLookup>();
        return services;
    }
}
