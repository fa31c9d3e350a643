using Gonghui.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Durable.Tests;

/// <summary>A DurableTaskClient on a task hub without running a worker in this process (the apps do the work).</summary>
public static class ClientOnly
{
    public static DurableTaskClient Create(AzuriteServer azurite, string hubName)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [DurableTaskOptions.ConfigurationSection + ":hubName"] = hubName,
            [DurableTaskOptions.ConfigurationSection + ":storageProvider:partitionCount"] = "4",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddDurableTask(configuration, o => o.EnableWorker = false).BuildServiceProvider();
        return services.GetRequiredService<DurableTaskClient>();
    }
}
