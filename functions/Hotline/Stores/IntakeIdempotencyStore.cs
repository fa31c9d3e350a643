using System.Security.Cryptography;
using System.Text;
using Azure;
using Gonghui.Storage.Tables;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// Intake idempotency records in <see cref="TableName"/>, one row per key (addressed by the key's hash). The first
/// writer of a key wins (insert, never overwrite); every later request with that key reads the winner's record.
/// </summary>
public sealed class IntakeIdempotencyStore(TableServiceClient tables)
{
    public const string TableName = "HotlineIntakes";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private Task? _created;

    /// <summary>Stores <paramref name="record"/> unless its key has one already; answers the record that holds.</summary>
    public async Task<IntakeRecord> ClaimAsync(IntakeRecord record, CancellationToken cancellationToken)
    {
        await (_created ??= _table.CreateIfNotExistsAsync(cancellationToken));
        var (partition, row) = Keys(record.Key);
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, row)
            {
                ["Record"] = HotlineJson.Serialize(record),
            }, cancellationToken);
            return record;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _table.GetEntityAsync(partition, row, cancellationToken: cancellationToken);
            return HotlineJson.Deserialize<IntakeRecord>(existing.Value.GetString("Record")!);
        }
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static (string Partition, string Row) Keys(string key)
    {
        var hash = Hash(key);
        return (hash[..2], hash);
    }
}
