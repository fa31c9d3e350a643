using Azure.Core;
using Azure.Core.Pipeline;
using Gonghui.Storage.Pipeline;

namespace Gonghui.Storage.Queues;

/// <summary>The Queue service of one storage account; hands out <see cref="QueueClient"/>s sharing its pipeline.</summary>
public sealed class QueueServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly QueueMessageEncoding _encoding;

    public QueueServiceClient(string connectionString, QueueClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    public QueueServiceClient(StorageConnectionString connection, QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        Endpoint = connection.QueueEndpoint;
        AccountName = connection.AccountName;
        _encoding = options.MessageEncoding;
        _pipeline = StoragePipelineFactory.Create(StorageService.Queue, options, connection.SharedKey,
            connection.SharedAccessSignature, token: null);
    }

    public QueueServiceClient(Uri endpoint, TokenCredential credential, QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        Endpoint = StoragePipelineFactory.RequireHttpsForToken(endpoint);
        AccountName = StorageConnectionString.AccountNameFromEndpoint(endpoint);
        _encoding = options.MessageEncoding;
        _pipeline = StoragePipelineFactory.Create(StorageService.Queue, options, sharedKey: null, sas: null, credential);
    }

    public Uri Endpoint { get; }
    public string AccountName { get; }

    /// <summary>
    /// A client for one queue. Queue names are 3-63 lowercase letters, digits and single hyphens.
    /// </summary>
    public QueueClient GetQueueClient(string queueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        return new QueueClient(_pipeline, Endpoint, queueName, _encoding);
    }
}
