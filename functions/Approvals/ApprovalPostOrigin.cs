using Gonghui.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Approvals;

/// <summary>Whether a decision POST to an approval or review link came from this site, and its form.</summary>
public static class ApprovalPostOrigin
{
    /// <summary>The form of a same-site POST; null (to be refused) for a cross-site request or a body that is no form.</summary>
    public static async Task<IFormCollection?> ReadSameSiteFormAsync(HttpRequest request, string publicBaseUrl, CancellationToken cancellationToken) =>
        CrossSiteRequest.IsCrossSite(request, publicBaseUrl) || !request.HasFormContentType ? null : await request.ReadFormAsync(cancellationToken);
}
