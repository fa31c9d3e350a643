using System.ComponentModel.DataAnnotations;
using Gonghui.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Security;

/// <summary>
/// The API keys' admin API at /api/keys: create (the secret shown once), list, revoke; the same store as the keys command.
/// Not under /api/admin: the Functions host refuses routes that start with "admin", with or without the route prefix.
/// </summary>
public sealed class ApiKeyFunctions(ApiKeyStore keys)
{
    [Function("KeysCreate")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> CreateKey([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "keys")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<NewApiKey>(cancellationToken);
        if (!body.IsValid)
            return body.Problem;
        if (!ApiRoleNames.TryParse(body.Value.Role, out var role))
            return Problems.Invalid("role", "unknown_role", $"Unknown role; use one of {string.Join(", ", ApiRoleNames.All.Select(ApiRoleNames.Name))}.");
        var created = await keys.CreateAsync(body.Value.Name, role, body.Value.Unit, body.Value.Region, cancellationToken);
        return JsonAnswers.Json(ApiKeyView.Of(created.Key, created.Secret), StatusCodes.Status201Created);
    }

    [Function("KeysList")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> ListKeys([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "keys")] HttpRequest req,
        CancellationToken cancellationToken) =>
        JsonAnswers.Json((await keys.ListAsync(cancellationToken)).Select(k => ApiKeyView.Of(k)));

    [Function("KeysRevoke")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> RevokeKey([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "keys/{id}")] HttpRequest req,
        string id, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(id, cancellationToken);
        return revoked is null
            ? Problems.NotFound($"There is no API key with the id '{id}'.", "key_not_found")
            : JsonAnswers.Json(ApiKeyView.Of(revoked));
    }
}

public sealed record NewApiKey(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Required] string Role,
    [property: StringLength(100)] string? Unit = null,
    [property: StringLength(100)] string? Region = null);

/// <summary>An API key as the admin API shows it; <see cref="Secret"/> only in the answer that created it.</summary>
public sealed record ApiKeyView(string Id, string Name, string Role, string? Unit, string? Region, DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt, string? Secret)
{
    public static ApiKeyView Of(ApiKey key, string? secret = null) =>
        new(key.Id, key.Name, ApiRoleNames.Name(key.Role), key.Unit, key.Region, key.CreatedAt, key.RevokedAt, secret);
}
