namespace Gonghui.Storage;

/// <summary>
/// An Azure Storage connection string, parsed: account name, credentials and the service endpoints.
/// Accepts <c>UseDevelopmentStorage=true</c>, account name and key (with an optional endpoint suffix),
/// explicit endpoints, and shared access signatures.
/// </summary>
public sealed class StorageConnectionString
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    // The well-known Azurite / storage emulator key; it is public by design.
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Uri? _blobEndpoint;
    private readonly Uri? _queueEndpoint;
    private readonly Uri? _tableEndpoint;

    private StorageConnectionString(string accountName, Uri? blobEndpoint, Uri? queueEndpoint, Uri? tableEndpoint,
        StorageSharedKeyCredential? sharedKey, string? sharedAccessSignature)
    {
        AccountName = accountName;
        _blobEndpoint = blobEndpoint;
        _queueEndpoint = queueEndpoint;
        _tableEndpoint = tableEndpoint;
        SharedKey = sharedKey;
        SharedAccessSignature = sharedAccessSignature;
    }

    public string AccountName { get; }
    public Uri BlobEndpoint => _blobEndpoint ?? throw MissingEndpoint("BlobEndpoint");
    public Uri QueueEndpoint => _queueEndpoint ?? throw MissingEndpoint("QueueEndpoint");
    public Uri TableEndpoint => _tableEndpoint ?? throw MissingEndpoint("TableEndpoint");
    public StorageSharedKeyCredential? SharedKey { get; }

    /// <summary>The SAS token without a leading '?', or null.</summary>
    public string? SharedAccessSignature { get; }

    /// <summary>
    /// Parses a connection string. Throws <see cref="FormatException"/> naming the setting at fault. A string with only
    /// some explicit endpoints (a SAS for the Table service, say) parses; asking it for a missing endpoint throws.
    /// </summary>
    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
                throw new FormatException($"Connection string setting '{Redact(part)}' is not of the form Name=Value.");
            var name = part[..equals].Trim();
            if (!settings.TryAdd(name, part[(equals + 1)..].Trim()))
                throw new FormatException($"Connection string names {name} twice.");
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            if (!bool.TryParse(dev, out var useDev))
                throw new FormatException($"UseDevelopmentStorage must be true or false, not '{dev}'.");
            if (useDev)
                return Development(settings.GetValueOrDefault("DevelopmentStorageProxyUri"));
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("https" or "http"))
            throw new FormatException($"DefaultEndpointsProtocol must be https or http, not '{protocol}'.");
        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        settings.TryGetValue("AccountName", out var accountName);
        settings.TryGetValue("AccountKey", out var accountKey);
        settings.TryGetValue("SharedAccessSignature", out var sas);

        Uri? Endpoint(string key, string service)
        {
            if (settings.TryGetValue(key, out var explicitEndpoint))
            {
                if (!Uri.TryCreate(explicitEndpoint.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw new FormatException($"{key} '{explicitEndpoint}' is not an absolute http or https URI.");
                return uri;
            }
            return string.IsNullOrEmpty(accountName) ? null : new Uri($"{protocol}://{accountName}.{service}.{suffix}");
        }

        var blob = Endpoint("BlobEndpoint", "blob");
        var queue = Endpoint("QueueEndpoint", "queue");
        var table = Endpoint("TableEndpoint", "table");
        if (string.IsNullOrEmpty(accountName))
        {
            var anyEndpoint = table ?? queue ?? blob
                ?? throw new FormatException("Connection string has neither AccountName nor any of BlobEndpoint, QueueEndpoint, TableEndpoint.");
            accountName = AccountNameFromEndpoint(anyEndpoint);
        }

        StorageSharedKeyCredential? key = null;
        if (!string.IsNullOrEmpty(accountKey))
            key = new StorageSharedKeyCredential(accountName, accountKey);
        else if (string.IsNullOrEmpty(sas))
            throw new FormatException("Connection string has neither AccountKey nor SharedAccessSignature.");

        return new StorageConnectionString(accountName, blob, queue, table, key, sas?.TrimStart('?'));
    }

    private static InvalidOperationException MissingEndpoint(string name) =>
        new($"The connection string has no {name} and no AccountName to derive it from.");

    /// <summary>A malformed setting may be a key or signature pasted wrongly: show only its start.</summary>
    private static string Redact(string setting) => setting.Length <= 12 ? setting : setting[..12] + "...";

    private static StorageConnectionString Development(string? proxyUri)
    {
        var host = string.IsNullOrEmpty(proxyUri) ? new Uri("http://127.0.0.1") : new Uri(proxyUri);
        Uri Endpoint(int port) => new($"{host.Scheme}://{host.Host}:{port}/{DevelopmentAccountName}");
        return new StorageConnectionString(DevelopmentAccountName, Endpoint(10000), Endpoint(10001), Endpoint(10002),
            new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey), null);
    }

    /// <summary>
    /// For path-style endpoints (Azurite: http://127.0.0.1:10002/devstoreaccount1) the account is the first
    /// path segment; for Azure endpoints it is the first label of the host name.
    /// </summary>
    internal static string AccountNameFromEndpoint(Uri endpoint)
    {
        var firstSegment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
        if (!string.IsNullOrEmpty(firstSegment))
            return firstSegment;
        return endpoint.Host.Split('.')[0];
    }
}
