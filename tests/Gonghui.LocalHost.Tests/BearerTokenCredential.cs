using System.Text;
using System.Text.Json;
using Azure.Core;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// Hands out an unsigned JWT with the claims Azurite's basic OAuth checks (issuer, audience, lifetime), in place of
/// an Entra ID credential, which tests cannot reach; it notes the scopes the clients ask for.
/// </summary>
public sealed class BearerTokenCredential(string audience = "https://storage.azure.com") : TokenCredential
{
    private readonly List<string> _scopes = [];

    public IReadOnlyList<string> Scopes
    {
        get
        {
            lock (_scopes)
                return [.. _scopes];
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_scopes)
            _scopes.AddRange(requestContext.Scopes);
        var now = DateTimeOffset.UtcNow;
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = Part(new { alg = "RS256", typ = "JWT" }) + "." + Part(new
        {
            aud = audience,
            iss = "https://sts.windows.net/ab1f708d-50f6-404c-a006-d71b2ac7a606/",
            iat = now.AddMinutes(-1).ToUnixTimeSeconds(),
            nbf = now.AddMinutes(-1).ToUnixTimeSeconds(),
            exp = now.AddHours(1).ToUnixTimeSeconds(),
            oid = Guid.NewGuid(),
        }) + "." + Convert.ToBase64String(Encoding.ASCII.GetBytes("unsigned")).TrimEnd('=');
        return new AccessToken(token, now.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
