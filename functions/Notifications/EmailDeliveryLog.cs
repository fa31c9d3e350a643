using System.Security.Cryptography;
using System.Text;
using Gonghui.Storage.Tables;

namespace Gonghui.Functions.Notifications;

/// <summary>
/// Which e-mail keys were handed to SMTP, so a redelivered queue message does not mail twice. A crash between
/// the hand-over and the record can still repeat one mail; its stable Message-ID lets clients drop it.
/// </summary>
public sealed class EmailDeliveryLog(TableServiceClient tables, TimeProvider clock)
{
    public const string TableName = "EmailDeliveries";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private Task? _created;

    public async Task<bool> WasSentAsync(string key, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var (partition, row) = Keys(key);
        return (await _table.GetEntityIfExistsAsync(partition, row, ["SentAt"], cancellationToken)).HasValue;
    }

    public async Task RecordSentAsync(string key, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var (partition, row) = Keys(key);
        await _table.UpsertEntityAsync(new TableEntity(partition, row)
        {
            ["Key"] = key,
            ["SentAt"] = clock.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    private Task EnsureTableAsync(CancellationToken cancellationToken) =>
        _created ??= _table.CreateIfNotExistsAsync(cancellationToken);

    // Keys may hold characters Table keys forbid ('/', '#', ...), so rows are addressed by the key's hash.
    private static (string Partition, string Row) Keys(string key)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
        return (hash[..2], hash);
    }
}
