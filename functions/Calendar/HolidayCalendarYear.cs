namespace Gonghui.Functions.Calendar;

/// <summary>
/// One year's holiday arrangement as admins edit it: the days off and the weekend days worked
/// instead (调休). Dates may fall just outside <see cref="Year"/> when a notice says so.
/// </summary>
public sealed record HolidayCalendarYear(
    int Year,
    IReadOnlyList<HolidayPeriod> Holidays,
    IReadOnlyList<AdjustedWorkingDay> AdjustedWorkingDays,
    string Source)
{
    /// <summary>Problems that make the record unusable, as stable codes; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Year is < 2000 or > 2100)
        {
            errors.Add("calendar.year_out_of_range");
        }

        if (Holidays.Any(period => period.Last < period.First || string.IsNullOrWhiteSpace(period.Name)))
        {
            errors.Add("calendar.holiday_period_invalid");
        }

        if (Holidays.Any(period => period.Last.DayNumber - period.First.DayNumber > 31))
        {
            errors.Add("calendar.holiday_period_too_long");
        }

        if (AdjustedWorkingDays.Any(day => !IsWeekend(day.Date)))
        {
            errors.Add("calendar.adjusted_working_day_not_weekend");
        }

        var holidayDays = Holidays.SelectMany(period => period.Days()).ToHashSet();
        if (AdjustedWorkingDays.Any(day => holidayDays.Contains(day.Date)))
        {
            errors.Add("calendar.day_both_holiday_and_working");
        }

        if (Holidays.SelectMany(period => period.Days()).Concat(AdjustedWorkingDays.Select(day => day.Date))
            .Any(day => Math.Abs(day.Year - Year) > 1))
        {
            errors.Add("calendar.date_outside_year");
        }

        return errors;
    }

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
