
namespace Gonghui.Functions.Security;

/// <summary>A stored API key, without its secret (only the secret's hash is stored).</summary>
public sealed record ApiKey(
    string Id,
    string Name,
    ApiRoles Role,
    string? Unit,
    string? Region,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    public ApiCaller ToCaller() => new(Id, Name, Role, Unit, Region);
}

/// <summary>A key just created, with the secret that is shown this once and never stored.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);
