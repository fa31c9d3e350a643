using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.StaffPages;

/// <summary>
/// Settings of the staff pages' sign-in, read when a page is first used (an app run without them starts; only the
/// pages refuse to work). <see cref="SessionKeySetting"/> signs session cookies and form tokens; changing it signs
/// everybody out.
/// </summary>
public sealed class StaffPagesSettings(IConfiguration configuration)
{
    /// <summary>Base64 key, at least 32 random bytes (env <c>Gonghui__StaffPages__SessionKey</c>; in Azure from Key Vault).</summary>
    public const string SessionKeySetting = "Gonghui:StaffPages:SessionKey";

    /// <summary>How long a sign-in lasts: one working day.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    private readonly Lazy<StaffSessionSigner> _signer = new(() =>
    {
        var key = configuration[SessionKeySetting] is { Length: > 0 } text
            ? Convert.FromBase64String(text)
            : throw new InvalidOperationException($"The staff pages need the setting {SessionKeySetting} (base64, at least 32 bytes; see local.settings.sample.json).");
        return key.Length >= 32
            ? new StaffSessionSigner(key)
            : throw new InvalidOperationException($"The setting {SessionKeySetting} must hold at least 32 bytes.");
    });

    public StaffSessionSigner Signer => _signer.Value;

    /// <summary>The app's address as people open it (behind a proxy the request's own origin differs); null when unset.</summary>
    public string? PublicBaseUrl => configuration["Gonghui:PublicBaseUrl"] is { Length: > 0 } url ? url : null;

    /// <summary>Cookies are Secure when the app is served over https, as the request or the public address says.</summary>
    public bool IsHttps(HttpRequest request) =>
        request.IsHttps || (PublicBaseUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Whether the app sits behind App Service authentication (the same setting the API honours).</summary>
    public bool TrustAppServicePrincipal => configuration.GetValue(ApiKeyAuthorizer.AppServiceAuthenticationSetting, false);
}
