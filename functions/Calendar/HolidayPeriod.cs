namespace Gonghui.Functions.Calendar;

/// <summary>A named run of days off, first and last day included (e.g. 春节 2026-02-15..2026-02-23).</summary>
public sealed record HolidayPeriod(string Name, DateOnly First, DateOnly Last)
{
    public IEnumerable<DateOnly> Days()
    {
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
