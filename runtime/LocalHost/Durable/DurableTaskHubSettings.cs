using Gonghui.Connections;
using System.Globalization;
using DurableTask.AzureStorage;
using Gonghui.LocalHost.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Durable;

/// <summary>
/// The Azure Storage task hub settings, read from host.json <c>extensions.durableTask</c> with the keys and meaning
/// Durable Functions gives them: hubName; storageProvider: partitionCount, controlQueueBatchSize,
/// controlQueueBufferThreshold, controlQueueVisibilityTimeout, workItemQueueVisibilityTimeout, maxQueuePollingInterval,
/// useTablePartitionManagement, useLegacyPartitionManagement, trackingStoreNamePrefix; extendedSessionsEnabled,
/// extendedSessionIdleTimeoutInSeconds, maxConcurrentActivityFunctions, maxConcurrentOrchestratorFunctions,
/// useAppLease. A key that is absent keeps the Durable Task Framework's default (the same as Durable Functions').
/// </summary>
public static class DurableTaskHubSettings
{
    public const string Section = FunctionAppSettings.HostSection + ":extensions:durableTask";

    /// <summary>Durable Functions' hub name when host.json names none.</summary>
    public const string DefaultHubName = "TestHubName";

    public static AzureStorageOrchestrationServiceSettings Read(IConfiguration configuration, StorageConnection storage, ILoggerFactory loggers)
    {
        var section = configuration.GetSection(Section);
        var provider = section.GetSection("storageProvider");
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = section["hubName"] is { Length: > 0 } hub ? hub : DefaultHubName,
            StorageAccountClientProvider = storage.ConnectionString is { } connectionString
                ? new StorageAccountClientProvider(connectionString)
                : new StorageAccountClientProvider(storage.BlobServiceUri, storage.QueueServiceUri, storage.TableServiceUri, storage.Credential!),
            LoggerFactory = loggers,
            // Several app processes on one machine (tests, a local scale-out) must not share a worker id: each owns
            // the control-queue partitions it leases under its id. In Azure, each instance has its own WEBSITE_INSTANCE_ID.
            WorkerId = configuration["WEBSITE_INSTANCE_ID"] is { Length: > 0 } instance
                ? instance
                : $"{Environment.MachineName}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}",
        };
        Set<int>(provider, "partitionCount", value => settings.PartitionCount = value);
        Set<int>(provider, "controlQueueBatchSize", value => settings.ControlQueueBatchSize = value);
        Set<int>(provider, "controlQueueBufferThreshold", value => settings.ControlQueueBufferThreshold = value);
        Set<TimeSpan>(provider, "controlQueueVisibilityTimeout", value => settings.ControlQueueVisibilityTimeout = value);
        Set<TimeSpan>(provider, "workItemQueueVisibilityTimeout", value => settings.WorkItemQueueVisibilityTimeout = value);
        Set<TimeSpan>(provider, "maxQueuePollingInterval", value => settings.MaxQueuePollingInterval = value);
        Set<bool>(provider, "useTablePartitionManagement", value => settings.UseTablePartitionManagement = value);
        Set<bool>(provider, "useLegacyPartitionManagement", value => settings.UseLegacyPartitionManagement = value);
        if (provider["trackingStoreNamePrefix"] is { Length: > 0 } prefix)
            settings.TrackingStoreNamePrefix = prefix;
        Set<bool>(section, "extendedSessionsEnabled", value => settings.ExtendedSessionsEnabled = value);
        Set<int>(section, "extendedSessionIdleTimeoutInSeconds", value => settings.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(value));
        Set<int>(section, "maxConcurrentActivityFunctions", value => settings.MaxConcurrentTaskActivityWorkItems = value);
        Set<int>(section, "maxConcurrentOrchestratorFunctions", value => settings.MaxConcurrentTaskOrchestrationWorkItems = value);
        Set<bool>(section, "useAppLease", value => settings.UseAppLease = value);
        return settings;
    }

    private static void Set<T>(IConfiguration section, string key, Action<T> apply)
    {
        if (section[key] is not { Length: > 0 })
            return;
        apply(section.GetValue<T>(key)!);
    }
}
