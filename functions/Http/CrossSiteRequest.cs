using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Http;

/// <summary>
/// Whether a form POST came from another site. Browsers say where a POST came from. The app's forms post to its own
/// pages, so a browser that sends Sec-Fetch-Site must say same-origin; otherwise (plain http to a host name) the Origin
/// header, when sent, must be the request's own origin or the app's public one (behind a proxy the two differ).
/// </summary>
public static class CrossSiteRequest
{
    public static bool IsCrossSite(HttpRequest request, string? publicBaseUrl)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        var own = $"{request.Scheme}://{request.Host}";
        return !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            && (publicBaseUrl is null || !string.Equals(origin, OriginOf(publicBaseUrl), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The form of a same-site POST; null (to be refused) for a cross-site request or a body that is no form.</summary>
    public static async Task<IFormCollection?> ReadSameSiteFormAsync(HttpRequest request, string? publicBaseUrl, CancellationToken cancellationToken) =>
        IsCrossSite(request, publicBaseUrl) || !request.HasFormContentType ? null : await request.ReadFormAsync(cancellationToken);

    private static string OriginOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url;
}
