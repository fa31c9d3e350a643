using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Gonghui.Functions.Security;

/// <summary>
/// API keys in the table <see cref="TableName"/>: one row per key, RowKey = SHA-256 of the secret (so a request's key
/// is one point read), with id, name, role, optional unit and region scope, created and revoked times.
/// Requests look keys up through a short cache (<see cref="FindForRequestAsync"/>): a key revoked by this process
/// stops working at once, one revoked elsewhere (another instance, the keys command) within <c>cacheFor</c>. Requests
/// that miss the cache together share one read of the key's row.
/// </summary>
public sealed class ApiKeyStore(TableServiceClient tables, TimeProvider time, TimeSpan cacheFor = default)
{
    public const string TableName = "ApiKeys";
    public const string CacheSecondsSetting = "Gonghui:ApiKeys:CacheSeconds";
    public static readonly TimeSpan DefaultCacheTime = TimeSpan.FromSeconds(10);
    private const string Partition = "apikey";
    private const int MaxCachedKeys = 10_000;

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly ConcurrentDictionary<string, CachedLookup> _cache = new(StringComparer.Ordinal);

    public async Task<CreatedApiKey> CreateAsync(string name, ApiRoles role, string? unit = null, string? region = null,
        CancellationToken cancellationToken = default)
    {
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey(ApiKeySecret.NewKeyId(), name, role, Blank(unit), Blank(region), time.GetUtcNow(), null);
        await _table.AddEntityAsync(ToEntity(ApiKeySecret.Hash(secret), key), cancellationToken);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>
    /// Stores a key with a secret chosen elsewhere (development keys from settings) unless it is stored already:
    /// a seeded key that an admin revoked stays revoked across restarts.
    /// </summary>
    public async Task<ApiKey> SeedAsync(string secret, string name, ApiRoles role, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeySecret.Hash(secret);
        var key = new ApiKey($"dev-{ApiRoleNames.Name(role)}-{hash[..8]}", name, role, null, null, time.GetUtcNow(), null);
        try
        {
            await _table.AddEntityAsync(ToEntity(hash, key), cancellationToken);
            return key;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await FindBySecretAsync(secret, cancellationToken) ?? key;
        }
    }

    /// <summary>The key with this secret, revoked or not; null when there is none.</summary>
    public Task<ApiKey?> FindBySecretAsync(string secret, CancellationToken cancellationToken = default) =>
        FindByHashAsync(ApiKeySecret.Hash(secret), cancellationToken);

    private async Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, hash, cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>
    /// <see cref="FindBySecretAsync"/> through the cache. Expiry runs on the machine's tick count, not the app's
    /// <see cref="TimeProvider"/>: it paces storage reads, it is not business time.
    /// </summary>
    public async Task<ApiKey?> FindForRequestAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (cacheFor <= TimeSpan.Zero)
            return await FindBySecretAsync(secret, cancellationToken);
        var hash = ApiKeySecret.Hash(secret);
        if (!_cache.TryGetValue(hash, out var lookup) || Environment.TickCount64 >= lookup.ExpiresAt)
        {
            if (_cache.Count >= MaxCachedKeys)
                _cache.Clear();
            var fresh = new CachedLookup(new Lazy<Task<ApiKey?>>(() => FindByHashAsync(hash, CancellationToken.None)),
                Environment.TickCount64 + (long)cacheFor.TotalMilliseconds);
            lookup = _cache.AddOrUpdate(hash, fresh, (_, current) => Environment.TickCount64 < current.ExpiresAt ? current : fresh);
        }
        try
        {
            var key = await lookup.Key.Value.WaitAsync(cancellationToken);
            // Unknown secrets are not remembered: guessing must not fill the cache.
            if (key is null)
                _cache.TryRemove(KeyValuePair.Create(hash, lookup));
            return key;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _cache.TryRemove(KeyValuePair.Create(hash, lookup));
            throw;
        }
    }

    /// <summary>One read of a key's row, shared by the requests that need it until <see cref="ExpiresAt"/> (a tick count).</summary>
    private sealed record CachedLookup(Lazy<Task<ApiKey?>> Key, long ExpiresAt);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        var keys = new List<ApiKey>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"),
                           cancellationToken: cancellationToken))
            keys.Add(FromEntity(entity));
        return keys.OrderBy(k => k.CreatedAt).ToList();
    }

    /// <summary>The key with this id, revoked or not; null when there is none. Reads the keys' partition (ids are not row keys).</summary>
    public async Task<ApiKey?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        await RowOfIdAsync(id, cancellationToken) is { } row ? FromEntity(row) : null;

    /// <summary>Revokes the key with this id (again revoking a revoked key keeps its first time); null when unknown.</summary>
    public async Task<ApiKey?> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await RowOfIdAsync(id, cancellationToken);
        if (row is null)
            return null;
        if (row.GetDateTimeOffset("RevokedAt") is null)
        {
            row["RevokedAt"] = time.GetUtcNow();
            await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        _cache.TryRemove(row.RowKey, out _);
        return FromEntity(row);
    }

    private async Task<TableEntity?> RowOfIdAsync(string id, CancellationToken cancellationToken)
    {
        TableEntity? row = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Id eq {id}"), cancellationToken: cancellationToken))
            row = entity;
        return row;
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
        // A role this version does not know grants nothing (ApiRoles.None).
        _ = ApiRoleNames.TryParse(entity.GetString("Role"), out var role);
        return new ApiKey(entity.GetString("Id") ?? "", entity.GetString("Name") ?? "", role, entity.GetString("Unit"),
            entity.GetString("Region"), entity.GetDateTimeOffset("CreatedAt") ?? default, entity.GetDateTimeOffset("RevokedAt"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
