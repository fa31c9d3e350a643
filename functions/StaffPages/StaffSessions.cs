using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.StaffPages;

/// <summary>
/// Signs staff in with an API key and recognises them on later requests: by the session cookie (its signature holds,
/// it has not expired, and the key it names still exists unrevoked, read afresh so a revocation signs the holder out
/// at once) or, behind App Service authentication, by the signed-in principal as the API admits it.
/// </summary>
public sealed class StaffSessions(ApiKeyStore keys, StaffPagesSettings settings, TimeProvider clock)
{
    /// <summary>The key's session, with its cookie written to the response; null for an unknown or revoked key.</summary>
    public async Task<ApiKey?> SignInAsync(HttpContext httpContext, string secret)
    {
        var key = await keys.FindBySecretAsync(secret, httpContext.RequestAborted);
        if (key is null || key.IsRevoked) return null;
        var ticket = StaffSessionSigner.NewTicket(key.Id, clock.GetUtcNow());
        StaffSessionCookie.Write(httpContext.Response, settings.Signer.Protect(ticket), ticket.ExpiresAt, settings.IsHttps(httpContext.Request));
        return key;
    }

    public void SignOut(HttpContext httpContext) => StaffSessionCookie.Delete(httpContext.Response, settings.IsHttps(httpContext.Request));

    /// <summary>The signed-in member of staff, or null.</summary>
    public async Task<StaffSession?> AuthenticateAsync(HttpContext httpContext)
    {
        var signer = settings.Signer;
        if (signer.Unprotect(StaffSessionCookie.Read(httpContext.Request), clock.GetUtcNow()) is { } ticket
            && await keys.FindByIdAsync(ticket.KeyId, httpContext.RequestAborted) is { IsRevoked: false } key)
            return new StaffSession(key.ToCaller(), ticket.SessionId, SignedInWithKey: true, signer.FormTokenFor(ticket.SessionId));
        if (settings.TrustAppServicePrincipal
            && httpContext.Request.Headers[AppServicePrincipal.HeaderName].ToString() is { Length: > 0 } header
            && AppServicePrincipal.Decode(header) is { } principal)
        {
            var caller = principal.ToCaller();
            // The principal's sign-in is App Service's; its forms' token is bound to who they are.
            return new StaffSession(caller, caller.KeyId, SignedInWithKey: false, signer.FormTokenFor(caller.KeyId));
        }
        return null;
    }
}
