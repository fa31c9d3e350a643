using Azure.Core;
using Azure.Core.Pipeline;

namespace Gonghui.Storage.Pipeline;

/// <summary>Builds the Azure.Core pipeline for one service from whichever credential the caller has.</summary>
internal static class StoragePipelineFactory
{
    private const string StorageScope = "https://storage.azure.com/.default";

    /// <summary>Azure.Core sends bearer tokens only over TLS; say so when the client is made, not at its first request.</summary>
    public static Uri RequireHttpsForToken(Uri endpoint) =>
        endpoint.Scheme == Uri.UriSchemeHttps
            ? endpoint
            : throw new ArgumentException(
                $"A TokenCredential needs an https endpoint (bearer tokens are never sent in clear text); got {endpoint}.", nameof(endpoint));

    public static HttpPipeline Create(StorageService service, StorageClientOptions options,
        StorageSharedKeyCredential? sharedKey, string? sas, TokenCredential? token)
    {
        HttpPipelinePolicy authentication = (sharedKey, sas, token) switch
        {
            (not null, _, _) => new SharedKeySigningPolicy(sharedKey, service),
            (_, not null, _) => new SasQueryPolicy(sas),
            (_, _, not null) => new BearerTokenAuthenticationPolicy(token, StorageScope),
            _ => throw new ArgumentException("A storage client needs a shared key, a SAS token or a TokenCredential."),
        };
        return HttpPipelineBuilder.Build(options, authentication);
    }
}
