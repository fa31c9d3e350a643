using Azure.Core;
using Azure.Core.Pipeline;

namespace Gonghui.LocalHost.Tests;

/// <summary>Counts receive requests (GET .../{queue}/messages, not peeks) to one queue as they leave the storage client.</summary>
public sealed class ReceiveCounter(string queueName) : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        if (message.Request.Method == RequestMethod.Get && uri.AbsolutePath.EndsWith($"/{queueName}/messages", StringComparison.Ordinal) &&
            !uri.Query.Contains("peekonly", StringComparison.Ordinal))
            Interlocked.Increment(ref _count);
    }
}
