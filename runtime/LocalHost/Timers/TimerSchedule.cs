using NCrontab;

namespace Gonghui.LocalHost.Timers;

/// <summary>A six-field NCRONTAB schedule (second minute hour day month weekday) read in a time zone.</summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule _schedule;

    private TimerSchedule(string expression, CrontabSchedule schedule, TimeZoneInfo timeZone)
    {
        Expression = expression;
        _schedule = schedule;
        TimeZone = timeZone;
    }

    public string Expression { get; }
    public TimeZoneInfo TimeZone { get; }

    public static TimerSchedule Parse(string expression, TimeZoneInfo timeZone)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
            throw new FormatException($"The schedule '{expression}' must have six fields (second minute hour day month weekday).");
        return new TimerSchedule(expression, CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }),
            timeZone);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, TimeZone).DateTime;
        while (true)
        {
            var next = _schedule.GetNextOccurrence(local);
            // A local time that a daylight-saving jump skips does not exist; take the next occurrence.
            if (!TimeZone.IsInvalidTime(next))
                return new DateTimeOffset(next, TimeZone.GetUtcOffset(next));
            local = next;
        }
    }
}
