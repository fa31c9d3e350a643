using Microsoft.Extensions.Configuration;

namespace Gonghui.LocalHost.Timers;

/// <summary>
/// The zone timer schedules are read in: the setting <c>WEBSITE_TIME_ZONE</c> (Azure's name; Windows or IANA ids),
/// China Standard Time by default.
/// </summary>
public static class TimerTimeZone
{
    public const string Setting = "WEBSITE_TIME_ZONE";
    public const string Default = "China Standard Time";

    public static TimeZoneInfo From(IConfiguration configuration)
    {
        var id = configuration[Setting] is { Length: > 0 } configured ? configured : Default;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : throw new InvalidOperationException($"The time zone '{id}' (setting {Setting}) is unknown on this machine.");
    }
}
