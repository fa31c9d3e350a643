using Azure.Storage.Queues;

namespace Gonghui.LocalHost.Queues;

/// <summary>
/// host.json <c>extensions.queues</c>, with Azure Functions' defaults and meanings, plus <see cref="LeaseTime"/>
/// (a setting of ours, <c>Gonghui:Queues:LeaseTime</c>; Azure fixes it at 10 minutes).
/// </summary>
public sealed class QueuesOptions
{
    public const string Section = "AzureFunctionsJobHost:extensions:queues";
    public const string LeaseTimeSetting = "Gonghui:Queues:LeaseTime";

    /// <summary>First idle back-off and the back-off after an empty receive restarts from here.</summary>
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Messages fetched per receive (1 to 32).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>A new batch is fetched once no more than this many messages are still running (default: CPUs × batchSize / 2).</summary>
    public int? NewBatchThreshold { get; set; }

    /// <summary>Idle polling backs off, randomized and exponential, up to this.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a message stays invisible after its function failed, before it is retried.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>A message that failed this many times moves to the queue's "-poison" queue.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    public string MessageEncoding { get; set; } = "base64";

    /// <summary>How long a received message stays hidden; renewed at half time while its function runs.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromMinutes(10);

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? Environment.ProcessorCount * BatchSize / 2;

    public QueueClientOptions ClientOptions() => new()
    {
        MessageEncoding = MessageEncoding.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? QueueMessageEncoding.None
            : QueueMessageEncoding.Base64,
    };

    public void Validate()
    {
        if (BatchSize is < 1 or > 32)
            throw new InvalidOperationException($"{Section}:batchSize must be 1 to 32; it is {BatchSize}.");
        if (MaxDequeueCount < 1)
            throw new InvalidOperationException($"{Section}:maxDequeueCount must be at least 1; it is {MaxDequeueCount}.");
        if (MaxPollingInterval < MinPollingInterval)
            throw new InvalidOperationException($"{Section}:maxPollingInterval must be at least {MinPollingInterval}.");
        if (LeaseTime < TimeSpan.FromSeconds(1))
            throw new InvalidOperationException($"{LeaseTimeSetting} must be at least one second.");
    }
}
