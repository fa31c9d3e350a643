using Azure.Core;
using Azure.Core.Pipeline;
using Gonghui.Storage.Pipeline;

namespace Gonghui.Storage.Tables;

/// <summary>The Table service of one storage account; hands out <see cref="TableClient"/>s sharing its pipeline.</summary>
public sealed class TableServiceClient
{
    private readonly HttpPipeline _pipeline;

    public TableServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    public TableServiceClient(StorageConnectionString connection, StorageClientOptions? options = null)
    {
        Endpoint = connection.TableEndpoint;
        AccountName = connection.AccountName;
        _pipeline = StoragePipelineFactory.Create(StorageService.Table, options ?? new StorageClientOptions(),
            connection.SharedKey, connection.SharedAccessSignature, token: null);
    }

    public TableServiceClient(Uri endpoint, TokenCredential credential, StorageClientOptions? options = null)
    {
        Endpoint = StoragePipelineFactory.RequireHttpsForToken(endpoint);
        AccountName = StorageConnectionString.AccountNameFromEndpoint(endpoint);
        _pipeline = StoragePipelineFactory.Create(StorageService.Table, options ?? new StorageClientOptions(),
            sharedKey: null, sas: null, credential);
    }

    public TableServiceClient(Uri endpoint, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
    {
        Endpoint = endpoint;
        AccountName = credential.AccountName;
        _pipeline = StoragePipelineFactory.Create(StorageService.Table, options ?? new StorageClientOptions(),
            credential, sas: null, token: null);
    }

    public Uri Endpoint { get; }
    public string AccountName { get; }

    public TableClient GetTableClient(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return new TableClient(_pipeline, Endpoint, tableName);
    }

    public Task<Azure.Response> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    public Task<Azure.Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);
}
