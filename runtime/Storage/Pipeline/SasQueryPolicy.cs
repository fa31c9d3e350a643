using Azure.Core;
using Azure.Core.Pipeline;

namespace Gonghui.Storage.Pipeline;

/// <summary>Appends a shared access signature to every request's query string.</summary>
internal sealed class SasQueryPolicy(string sharedAccessSignature) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri;
        if (uri.Query.Contains("sig=", StringComparison.Ordinal))
            return;
        var query = uri.Query;
        uri.Query = string.IsNullOrEmpty(query) || query == "?"
            ? "?" + sharedAccessSignature
            : query + "&" + sharedAccessSignature;
    }
}
