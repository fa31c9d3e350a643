using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Nominations.Stores.Materials;

/// <summary>
/// Material limits and access: <c>Gonghui:Nominations:Materials:MaxBytes</c> (10 MiB by default) and
/// <c>Gonghui:Nominations:Materials:ReadLinkMinutes</c>, how long a read-only SAS link lasts (5 by default).
/// </summary>
public sealed record MaterialSettings(long MaxBytes, TimeSpan ReadLinkLifetime)
{
    public const string ContainerName = "nomination-materials";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    public static readonly TimeSpan DefaultReadLinkLifetime = TimeSpan.FromMinutes(5);

    public static MaterialSettings From(IConfiguration configuration)
    {
        var maxBytes = configuration.GetValue("Gonghui:Nominations:Materials:MaxBytes", DefaultMaxBytes);
        var minutes = configuration.GetValue("Gonghui:Nominations:Materials:ReadLinkMinutes", DefaultReadLinkLifetime.TotalMinutes);
        if (maxBytes < 1) throw new InvalidOperationException("Gonghui:Nominations:Materials:MaxBytes must be at least 1.");
        if (minutes is <= 0 or > 60) throw new InvalidOperationException("Gonghui:Nominations:Materials:ReadLinkMinutes must be above 0 and at most 60.");
        return new MaterialSettings(maxBytes, TimeSpan.FromMinutes(minutes));
    }
}
