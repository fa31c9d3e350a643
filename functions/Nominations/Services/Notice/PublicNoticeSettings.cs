using Gonghui.Functions.Nominations.Domain.Notice;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Nominations.Services.Notice;

/// <summary>
/// What the public notice needs beyond the review's settings, read on use: who is told of objections
/// (<c>Gonghui:Nominations:AdminEmail</c>), the committee that approves the final list unless the publication names
/// one (<c>Gonghui:Nominations:CommitteeName</c>, <c>Gonghui:Nominations:CommitteeEmail</c>), the request header that
/// carries the client's address behind the platform's front end (<c>Gonghui:Nominations:ClientAddressHeader</c>, e.g.
/// X-Forwarded-For in Azure; its last entry is the one the front end added; without it the connection's address), and
/// the objection rate limit (<c>Gonghui:Nominations:Objections:PerAddressPerHour</c>, <c>…:PerContactPerDay</c>).
/// </summary>
public sealed class PublicNoticeSettings(IConfiguration configuration)
{
    public string AdminEmail => Setting("Gonghui:Nominations:AdminEmail") ?? "nominations-admin@gonghui.local";

    public string CommitteeName => Setting("Gonghui:Nominations:CommitteeName") ?? "省总工会评选表彰工作委员会";

    public string CommitteeEmail => Setting("Gonghui:Nominations:CommitteeEmail") ?? "nominations-committee@gonghui.local";

    public string? ClientAddressHeader => Setting("Gonghui:Nominations:ClientAddressHeader");

    public ObjectionRateLimit RateLimit => new(
        configuration.GetValue("Gonghui:Nominations:Objections:PerAddressPerHour", ObjectionRateLimit.Default.PerAddressPerHour),
        configuration.GetValue("Gonghui:Nominations:Objections:PerContactPerDay", ObjectionRateLimit.Default.PerContactPerDay));

    /// <summary>The public page's path under the host.json route prefix ("api").</summary>
    public static string PagePath(string campaignId) => "/api/notice/" + Uri.EscapeDataString(campaignId);

    /// <summary>The committee link's path under the route prefix.</summary>
    public static string CommitteeLinkPath(string token) => "/api/nominations/final-approval/" + token;

    private string? Setting(string key) => configuration[key] is { Length: > 0 } value ? value : null;
}
