using Gonghui.Storage;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Durable;

/// <summary>
/// Settings of the durable engine. <see cref="Bind"/> reads them as Azure Functions does: the storage connection
/// from <c>AzureWebJobsStorage</c> and the rest from host.json's <c>extensions.durableTask</c>
/// (<c>AzureFunctionsJobHost:extensions:durableTask</c>: hubName, storageProvider:partitionCount,
/// storageProvider:controlQueueVisibilityTimeout, storageProvider:workItemQueueVisibilityTimeout,
/// storageProvider:maxQueuePollingInterval, storageProvider:maxDequeueCount, maxConcurrentActivityFunctions,
/// maxConcurrentOrchestratorFunctions).
/// </summary>
public sealed class DurableTaskOptions
{
    public const string ConfigurationSection = "AzureFunctionsJobHost:extensions:durableTask";

    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Names the task hub's tables and queues: 3 to 45 letters and digits, starting with a letter.</summary>
    public string HubName { get; set; } = "GonghuiHub";

    public int PartitionCount { get; set; } = 4;

    /// <summary>How long a received control message stays hidden; a process that dies mid-step loses it for this long.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a received activity message stays hidden; renewed while the activity runs.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest wait between polls of an empty queue (polls back off from 10 ms to this).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many times a message's step may fail before the message goes to the {hub}-poison queue (and the error log)
    /// instead of being retried again.
    /// </summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>How long a message waits after its step's first failure; the wait doubles with each failure, up to 5 minutes.</summary>
    public TimeSpan StepRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest visibility delay a timer message gets; later timers are re-armed. Below the queue's 7-day limit.</summary>
    public TimeSpan MaxTimerVisibility { get; set; } = TimeSpan.FromDays(6);

    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>How many instances' histories are kept in memory between steps.</summary>
    public int InstanceCacheSize { get; set; } = 10_000;

    /// <summary>Whether this process runs orchestrations and activities (false: a client-only process).</summary>
    public bool EnableWorker { get; set; } = true;

    /// <summary>Storage client settings (retries, transport, extra pipeline policies such as a request counter).</summary>
    public Action<StorageClientOptions>? ConfigureStorageClient { get; set; }

    /// <summary>
    /// Called at named points of the engine's write paths ("before-commit:{instance id}", "after-commit", "after-sends",
    /// "activity-completed", "timer-rearm", "raise-event"); crash tests kill the process there, and a throw there fails
    /// the step.
    /// </summary>
    public Action<string>? FaultInjection { get; set; }

    internal List<(TaskName Name, Type Type)> ClassOrchestrators { get; } = [];
    internal List<(TaskName Name, Type Type)> ClassActivities { get; } = [];

    /// <summary>Registers a class-based orchestrator under its type name (or the given name and version).</summary>
    public DurableTaskOptions AddOrchestrator<T>(string? name = null, string? version = null) where T : class, ITaskOrchestrator
    {
        ClassOrchestrators.Add((new TaskName(name ?? typeof(T).Name, version), typeof(T)));
        return this;
    }

    /// <summary>Registers a class-based activity under its type name (or the given name).</summary>
    public DurableTaskOptions AddActivity<T>(string? name = null) where T : class, ITaskActivity
    {
        ClassActivities.Add((new TaskName(name ?? typeof(T).Name), typeof(T)));
        return this;
    }

    public void Bind(IConfiguration configuration)
    {
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } connection)
            ConnectionString = connection;
        var section = configuration.GetSection(ConfigurationSection);
        HubName = section["hubName"] ?? HubName;
        var provider = section.GetSection("storageProvider");
        PartitionCount = provider.GetValue("partitionCount", PartitionCount);
        ControlQueueVisibilityTimeout = provider.GetValue("controlQueueVisibilityTimeout", ControlQueueVisibilityTimeout);
        WorkItemQueueVisibilityTimeout = provider.GetValue("workItemQueueVisibilityTimeout", WorkItemQueueVisibilityTimeout);
        MaxQueuePollingInterval = provider.GetValue("maxQueuePollingInterval", MaxQueuePollingInterval);
        MaxDequeueCount = provider.GetValue("maxDequeueCount", MaxDequeueCount);
        MaxConcurrentActivityFunctions = section.GetValue("maxConcurrentActivityFunctions", MaxConcurrentActivityFunctions);
        MaxConcurrentOrchestratorFunctions = section.GetValue("maxConcurrentOrchestratorFunctions", MaxConcurrentOrchestratorFunctions);
    }

    internal void Validate()
    {
        if (HubName.Length is < 3 or > 45 || !char.IsAsciiLetter(HubName[0]) || !HubName.All(char.IsAsciiLetterOrDigit))
            throw new InvalidOperationException($"Task hub name '{HubName}' must be 3 to 45 letters and digits, starting with a letter.");
        if (PartitionCount is < 1 or > 16)
            throw new InvalidOperationException($"partitionCount must be between 1 and 16; it is {PartitionCount}.");
        if (MaxDequeueCount < 1)
            throw new InvalidOperationException($"maxDequeueCount must be at least 1; it is {MaxDequeueCount}.");
        if (MaxTimerVisibility <= TimeSpan.Zero || MaxTimerVisibility >= TimeSpan.FromDays(7))
            throw new InvalidOperationException("MaxTimerVisibility must be positive and below the queue's 7-day limit.");
    }
}
