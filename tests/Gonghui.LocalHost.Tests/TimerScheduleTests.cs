using Gonghui.LocalHost.Timers;
using Microsoft.Extensions.Configuration;

namespace Gonghui.LocalHost.Tests;

public sealed class TimerScheduleTests
{
    private static TimeZoneInfo DefaultZone => TimerTimeZone.From(new ConfigurationBuilder().Build());

    [Fact]
    public void Schedules_are_read_in_China_Standard_Time_by_default()
    {
        var schedule = TimerSchedule.Parse("0 30 9 * * *", DefaultZone);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(8), schedule.NextAfter(DateTimeOffset.UtcNow).Offset);
    }

    [Fact]
    public void The_time_zone_is_a_setting()
    {
        var zone = TimerTimeZone.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TimerTimeZone.Setting] = "UTC" }).Build());
        var schedule = TimerSchedule.Parse("0 30 9 * * *", zone);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Next_is_strictly_after_and_seconds_count()
    {
        var schedule = TimerSchedule.Parse("*/10 * * * * *", DefaultZone);
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 10, TimeSpan.Zero);
        Assert.Equal(at.AddSeconds(10), schedule.NextAfter(at));
    }

    [Fact]
    public void Five_field_schedules_are_refused() =>
        Assert.Throws<FormatException>(() => TimerSchedule.Parse("*/5 * * * *", DefaultZone));
}
