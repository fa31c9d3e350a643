using Azure.Core;
using Azure.Core.Pipeline;

namespace Gonghui.LocalHost.Queues;

/// <summary>
/// Pipeline step of the app's queue client (added through <c>QueueClientOptions.AddPolicy</c>): after a message was put on a queue ("POST
/// .../{queue}/messages" answered 201) with no visibility delay, signals that queue's local listener.
/// </summary>
internal sealed class LocalSendSignalPolicy(LocalQueueSignals signals) : HttpPipelineSynchronousPolicy
{
    public override void OnReceivedResponse(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Post || message.Response.Status != 201)
            return;
        var uri = message.Request.Uri;
        var segments = uri.Path.Trim('/').Split('/');
        if (segments.Length < 2 || segments[^1] != "messages" || HasVisibilityDelay(uri.Query))
            return;
        signals.Wake(segments[^2]);
    }

    private static bool HasVisibilityDelay(string query) =>
        query.Split('&', '?').Any(part => part.StartsWith("visibilitytimeout=", StringComparison.OrdinalIgnoreCase)
            && part != "visibilitytimeout=0");
}
