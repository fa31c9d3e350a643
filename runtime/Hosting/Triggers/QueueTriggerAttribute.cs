using Gonghui.Hosting.Functions;

namespace Gonghui.Hosting.Triggers;

/// <summary>
/// A queue function: the message binds to string, byte[], BinaryData or a JSON type; parameters named
/// id, dequeueCount, insertionTime, expirationTime, nextVisibleTime and popReceipt bind the metadata.
/// </summary>
public sealed class QueueTriggerAttribute(string queueName) : TriggerBindingAttribute
{
    public override string TriggerType => "queueTrigger";

    public string QueueName { get; } = queueName;

    /// <summary>Name of the setting holding the storage connection string (default AzureWebJobsStorage).</summary>
    public string Connection { get; set; } = "AzureWebJobsStorage";
}
