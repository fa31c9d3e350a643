using Gonghui.Hosting.Triggers;
using Gonghui.Storage.Tables;

namespace Gonghui.Hosting.Security;

/// <summary>
/// API keys in the table <see cref="TableName"/>: one row per key, RowKey = SHA-256 of the secret (so a request's key
/// is one point read), with id, name, role, optional unit and region scope, created and revoked times.
/// </summary>
public sealed class ApiKeyStore(TableServiceClient tables, TimeProvider time)
{
    public const string TableName = "ApiKeys";
    private const string Partition = "apikey";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private Task? _created;

    public async Task<CreatedApiKey> CreateAsync(string name, ApiRoles role, string? unit = null, string? region = null,
        CancellationToken cancellationToken = default)
    {
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey(ApiKeySecret.NewKeyId(), name, role, Blank(unit), Blank(region), time.GetUtcNow(), null);
        await EnsureTableAsync(cancellationToken);
        await _table.AddEntityAsync(ToEntity(ApiKeySecret.Hash(secret), key), cancellationToken);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>Stores a key with a secret chosen elsewhere (development keys from settings); idempotent.</summary>
    public async Task<ApiKey> SeedAsync(string secret, string name, ApiRoles role, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeySecret.Hash(secret);
        var key = new ApiKey($"dev-{ApiRoleNames.Name(role)}-{hash[..8]}", name, role, null, null, time.GetUtcNow(), null);
        await EnsureTableAsync(cancellationToken);
        await _table.UpsertEntityAsync(ToEntity(hash, key), TableUpdateMode.Replace, cancellationToken);
        return key;
    }

    /// <summary>The key with this secret, revoked or not; null when there is none.</summary>
    public async Task<ApiKey?> FindBySecretAsync(string secret, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var found = await _table.GetEntityIfExistsAsync(Partition, ApiKeySecret.Hash(secret), cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var keys = new List<ApiKey>();
        await foreach (var entity in _table.QueryAsync(TableOdataFilter.Create($"PartitionKey eq {Partition}"),
                           cancellationToken: cancellationToken))
            keys.Add(FromEntity(entity));
        return keys.OrderBy(k => k.CreatedAt).ToList();
    }

    /// <summary>Revokes the key with this id (again revoking a revoked key keeps its first time); null when unknown.</summary>
    public async Task<ApiKey?> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        TableEntity? row = null;
        await foreach (var entity in _table.QueryAsync(
                           TableOdataFilter.Create($"PartitionKey eq {Partition} and Id eq {id}"), cancellationToken: cancellationToken))
            row = entity;
        if (row is null)
            return null;
        if (row.GetDateTimeOffset("RevokedAt") is null)
        {
            row["RevokedAt"] = time.GetUtcNow();
            await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        return FromEntity(row);
    }

    private Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is { IsCompletedSuccessfully: true })
            return created;
        created = _table.CreateIfNotExistsAsync(cancellationToken);
        _created = created;
        return created;
    }

    private static TableEntity ToEntity(string hash, ApiKey key)
    {
        var entity = new TableEntity(Partition, hash)
        {
            ["Id"] = key.Id,
            ["Name"] = key.Name,
            ["Role"] = ApiRoleNames.Name(key.Role),
            ["CreatedAt"] = key.CreatedAt,
        };
        if (key.Unit is not null)
            entity["Unit"] = key.Unit;
        if (key.Region is not null)
            entity["Region"] = key.Region;
        return entity;
    }

    private static ApiKey FromEntity(TableEntity entity)
    {
        ApiRoleNames.TryParse(entity.GetString("Role"), out var role);
        return new ApiKey(entity.GetString("Id") ?? "", entity.GetString("Name") ?? "", role, entity.GetString("Unit"),
            entity.GetString("Region"), entity.GetDateTimeOffset("CreatedAt") ?? default, entity.GetDateTimeOffset("RevokedAt"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
