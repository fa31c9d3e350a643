using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Gonghui.Functions.Storage;

/// <summary>
/// Creates what the declared <see cref="StorageNames"/> name and does not exist yet, all at once. The app does it once at
/// start (<see cref="StorageProvisioner"/>); the keys command and tests that use stores without the app call it too.
/// In Azure the app's identity holds the table, queue and blob data roles, which include creating them.
/// </summary>
public static class StorageProvisioning
{
    public static Task CreateAsync(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs,
        IEnumerable<StorageNames> declared, CancellationToken cancellationToken)
    {
        var all = declared.ToList();
        return Task.WhenAll(
            all.SelectMany(n => n.Tables).Distinct(StringComparer.Ordinal)
                .Select(name => (Task)tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken))
                .Concat(all.SelectMany(n => n.Queues).Distinct(StringComparer.Ordinal)
                    .Select(name => (Task)queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken)))
                .Concat(all.SelectMany(n => n.Containers).Distinct(StringComparer.Ordinal)
                    .Select(name => (Task)blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
    }
}
