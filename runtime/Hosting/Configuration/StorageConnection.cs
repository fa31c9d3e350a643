using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Hosting.Configuration;

/// <summary>
/// The storage account behind a connection name, read as Azure Functions reads it (<c>AzureWebJobsStorage</c> by
/// default), and the one place that builds the Azure SDK clients for it. Queue clients use Base64 messages, as
/// Azure Functions queue triggers expect.
/// </summary>
public sealed class StorageConnection
{
    public const string DefaultName = "AzureWebJobsStorage";

    private StorageConnection(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The connection's setting name, e.g. <c>AzureWebJobsStorage</c>.</summary>
    public string Name { get; }

    /// <summary>The connection string, when the connection is given as one.</summary>
    public string? ConnectionString { get; }

    public static StorageConnection FromConfiguration(IConfiguration configuration, string name = DefaultName) =>
        configuration[name] is { Length: > 0 } value
            ? new StorageConnection(name, value)
            : throw new InvalidOperationException(
                $"The setting {name} is not set: put it in local.settings.json Values (UseDevelopmentStorage=true for Azurite) or the environment.");

    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        new(ConnectionString, options ?? new TableClientOptions());

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        new(ConnectionString, options ?? new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        new(ConnectionString, options ?? new BlobClientOptions());
}
