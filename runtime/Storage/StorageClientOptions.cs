using Azure.Core;

namespace Gonghui.Storage;

/// <summary>
/// Options for the Table and Queue clients: Azure.Core's retry, transport and diagnostics settings.
/// Add a policy with <see cref="ClientOptions.AddPolicy"/> to observe every request (the durable
/// engine's benchmark counts storage requests that way).
/// </summary>
public class StorageClientOptions : ClientOptions
{
    public StorageClientOptions()
    {
        Retry.Mode = Azure.Core.RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingContentEnabled = false;
    }
}
