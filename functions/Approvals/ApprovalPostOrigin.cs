using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Approvals;

/// <summary>Whether a decision POST to an approval link came from this site, and its form.</summary>
public static class ApprovalPostOrigin
{
    /// <summary>The form of a same-site POST; null (to be refused) for a cross-site request or a body that is no form.</summary>
    public static async Task<IFormCollection?> ReadSameSiteFormAsync(HttpRequest request, string publicBaseUrl, CancellationToken cancellationToken) =>
        IsCrossSite(request, publicBaseUrl) || !request.HasFormContentType ? null : await request.ReadFormAsync(cancellationToken);

    /// <summary>
    /// Browsers say where a POST came from. The form posts to its own page, so a browser that sends Sec-Fetch-Site
    /// must say same-origin; otherwise (plain http to a host name) the Origin header must be ours. Pages are served with
    /// Referrer-Policy same-origin: under no-referrer browsers send "Origin: null" even for the page's own form.
    /// </summary>
    private static bool IsCrossSite(HttpRequest request, string publicBaseUrl)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        var own = $"{request.Scheme}://{request.Host}";
        return !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(origin, OriginOf(publicBaseUrl), StringComparison.OrdinalIgnoreCase);
    }

    private static string OriginOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url;
}
