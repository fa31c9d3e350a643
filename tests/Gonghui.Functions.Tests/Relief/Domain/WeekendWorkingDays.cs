using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Domain;

/// <summary>
/// Test stand-in for the holiday calendar: Monday to Friday in China time are working days, plus
/// optional holidays. N working days after a moment is the same time of day on the N-th working day.
/// </summary>
internal static class WeekendWorkingDays
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static WorkingDayAdder Adder(params DateOnly[] holidays) => (start, workingDays) =>
    {
        var local = start.ToOffset(China);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var added = 0; added < workingDays;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day)) added++;
        }
        return new DateTimeOffset(day.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)), China).ToUniversalTime();
    };

    /// <summary>A moment given in China time.</summary>
    public static DateTimeOffset Cst(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, China).ToUniversalTime();
}
