using System.ComponentModel.DataAnnotations;
using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Http;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Hosting.HostFunctions;

/// <summary>The host's admin API: the function listing and API keys (create, with the secret shown once; list; revoke).</summary>
public sealed class AdminFunctions(FunctionListing listing, ApiKeyStore keys)
{
    [Function("AdminFunctions")]
    public IResult Functions([HttpTrigger("get", Route = "admin/functions", Roles = ApiRoles.Admin)] HttpRequest req) =>
        Results.Json(listing.Entries(), FunctionJson.Options);

    [Function("AdminKeysCreate")]
    public async Task<IResult> CreateKey([HttpTrigger("post", Route = "admin/keys", Roles = ApiRoles.Admin)] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<NewApiKey>(cancellationToken);
        if (!body.IsValid)
            return body.Problem;
        if (!ApiRoleNames.TryParse(body.Value.Role, out var role))
            return Problems.Validation("role", $"Unknown role; use one of {string.Join(", ", ApiRoleNames.All.Select(ApiRoleNames.Name))}.");
        var created = await keys.CreateAsync(body.Value.Name, role, body.Value.Unit, body.Value.Region, cancellationToken);
        return Results.Json(ApiKeyView.Of(created.Key, created.Secret), FunctionJson.Options, statusCode: StatusCodes.Status201Created);
    }

    [Function("AdminKeysList")]
    public async Task<IResult> ListKeys([HttpTrigger("get", Route = "admin/keys", Roles = ApiRoles.Admin)] HttpRequest req,
        CancellationToken cancellationToken) =>
        Results.Json((await keys.ListAsync(cancellationToken)).Select(k => ApiKeyView.Of(k)), FunctionJson.Options);

    [Function("AdminKeysRevoke")]
    public async Task<IResult> RevokeKey([HttpTrigger("delete", Route = "admin/keys/{id}", Roles = ApiRoles.Admin)] HttpRequest req,
        string id, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(id, cancellationToken);
        return revoked is null
            ? Problems.NotFound($"There is no API key with the id '{id}'.", "key-not-found")
            : Results.Json(ApiKeyView.Of(revoked), FunctionJson.Options);
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
