using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Connections;

/// <summary>
/// The storage account behind a connection name, read as Azure Functions reads it (<c>AzureWebJobsStorage</c> by
/// default), and the one place that builds the Azure SDK clients for it. Either the setting itself holds a connection
/// string (<c>UseDevelopmentStorage=true</c> for Azurite), or settings under <c>{name}__</c> describe an identity-based
/// connection: <c>accountName</c> or the three <c>tableServiceUri</c>, <c>queueServiceUri</c>, <c>blobServiceUri</c>,
/// with <c>credential=managedidentity</c> (and <c>clientId</c> for a user-assigned identity), or <c>tenantId</c>,
/// <c>clientId</c> and <c>clientSecret</c> of an app registration, or else the default Azure credential chain.
/// Everything is checked when the connection is read, so a wrong setting fails at startup, by name.
/// Queue clients use Base64 messages, as Azure Functions queue triggers expect.
/// </summary>
public sealed class StorageConnection
{
    public const string DefaultName = "AzureWebJobsStorage";

    private StorageConnection(string name, string? connectionString, Uri tableServiceUri, Uri queueServiceUri,
        Uri blobServiceUri, TokenCredential? credential)
    {
        Name = name;
        ConnectionString = connectionString;
        TableServiceUri = tableServiceUri;
        QueueServiceUri = queueServiceUri;
        BlobServiceUri = blobServiceUri;
        Credential = credential;
    }

    /// <summary>The connection's setting name, e.g. <c>AzureWebJobsStorage</c>.</summary>
    public string Name { get; }

    /// <summary>The connection string, when the connection is given as one; otherwise <see cref="Credential"/> is set.</summary>
    public string? ConnectionString { get; }

    /// <summary>The Table service endpoint (without any SAS), whichever way the connection is given.</summary>
    public Uri TableServiceUri { get; }

    public Uri QueueServiceUri { get; }

    public Uri BlobServiceUri { get; }

    /// <summary>The identity of an identity-based connection; null when the connection is a connection string.</summary>
    public TokenCredential? Credential { get; }

    public static StorageConnection FromConfiguration(IConfiguration configuration, string name = DefaultName)
    {
        if (configuration[name] is { Length: > 0 } connectionString)
            return FromConnectionString(name, connectionString);
        var section = configuration.GetSection(name);
        if (section.GetChildren().Any())
            return FromIdentitySettings(name, section);
        throw new InvalidOperationException(
            $"The setting {name} is not set: put a connection string in it (UseDevelopmentStorage=true for Azurite) " +
            $"or identity-based settings such as {name}__accountName in local.settings.json Values or the environment.");
    }

    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null)
    {
        options ??= new TableClientOptions();
        return ConnectionString is not null
            ? new TableServiceClient(ConnectionString, options)
            : new TableServiceClient(TableServiceUri, Credential, options);
    }

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return ConnectionString is not null
            ? new QueueServiceClient(ConnectionString, options)
            : new QueueServiceClient(QueueServiceUri, Credential, options);
    }

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null)
    {
        options ??= new BlobClientOptions();
        return ConnectionString is not null
            ? new BlobServiceClient(ConnectionString, options)
            : new BlobServiceClient(BlobServiceUri, Credential, options);
    }

    /// <summary>The same endpoints reached with another identity: for tests, which cannot get real Entra ID tokens.</summary>
    internal StorageConnection WithCredential(TokenCredential credential) =>
        Credential is not null
            ? new StorageConnection(Name, null, TableServiceUri, QueueServiceUri, BlobServiceUri, credential)
            : throw new InvalidOperationException($"The connection {Name} is a connection string, not identity-based.");

    private static StorageConnection FromConnectionString(string name, string connectionString)
    {
        try
        {
            // The SDK clients parse the string (and only that, no I/O): whatever they throw means it is malformed.
            return new StorageConnection(name, connectionString,
                WithoutQuery(new TableServiceClient(connectionString).Uri),
                WithoutQuery(new QueueServiceClient(connectionString).Uri),
                WithoutQuery(new BlobServiceClient(connectionString).Uri),
                credential: null);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"The setting {name} is not a valid storage connection string ({e.Message}). Expected " +
                "DefaultEndpointsProtocol=https;AccountName=...;AccountKey=..., explicit *Endpoint= entries with a key or " +
                "SharedAccessSignature, or UseDevelopmentStorage=true.", e);
        }
    }

    private static StorageConnection FromIdentitySettings(string name, IConfigurationSection section)
    {
        string? Setting(string key) => section[key] is { Length: > 0 } value ? value.Trim() : null;
        var accountName = Setting("accountName");

        Uri Endpoint(string key, string service)
        {
            if (Setting(key) is not { } text)
            {
                return accountName is not null
                    ? new Uri($"https://{accountName}.{service}.core.windows.net/")
                    : throw new InvalidOperationException(
                        $"The setting {name}__{key} is not set: an identity-based connection needs {name}__accountName " +
                        $"or all of {name}__tableServiceUri, {name}__queueServiceUri and {name}__blobServiceUri.");
            }
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                throw new InvalidOperationException($"The setting {name}__{key} is not an http(s) URI: '{text}'.");
            if (accountName is not null && !string.Equals(AccountNameOf(uri), accountName, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The setting {name}__{key} ({uri}) is for the account '{AccountNameOf(uri)}' but {name}__accountName " +
                    $"is '{accountName}': remove one of them or make them agree.");
            }
            return uri;
        }

        return new StorageConnection(name, connectionString: null,
            Endpoint("tableServiceUri", "table"), Endpoint("queueServiceUri", "queue"), Endpoint("blobServiceUri", "blob"),
            CredentialFrom(name, Setting));
    }

    private static TokenCredential CredentialFrom(string name, Func<string, string?> setting)
    {
        var clientId = setting("clientId");
        switch (setting("credential")?.ToLowerInvariant())
        {
            case "managedidentity":
                return new ManagedIdentityCredential(clientId is null
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(clientId));
            case null:
                break;
            case var other:
                throw new InvalidOperationException(
                    $"The setting {name}__credential is '{other}': the only value it takes is managedidentity " +
                    "(leave it out for the default credential chain).");
        }
        if (setting("clientSecret") is { } secret)
        {
            return new ClientSecretCredential(
                setting("tenantId") ?? throw new InvalidOperationException(
                    $"The setting {name}__tenantId is not set: {name}__clientSecret needs it and {name}__clientId."),
                clientId ?? throw new InvalidOperationException(
                    $"The setting {name}__clientId is not set: {name}__clientSecret needs it and {name}__tenantId."),
                secret);
        }
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    /// <summary>The account an endpoint serves: its first host label, or for path-style (Azurite) URIs its first path segment.</summary>
    private static string AccountNameOf(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback
            ? uri.AbsolutePath.Trim('/').Split('/')[0]
            : uri.Host.Split('.')[0];

    private static Uri WithoutQuery(Uri uri) => new UriBuilder(uri) { Query = "" }.Uri;
}
