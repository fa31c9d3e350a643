using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = new(StateCouncilHolidayArrangements.All, WorkingHours.Default);

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, ChinaStandardTime.Offset);

    [Fact]
    public void Seeded_arrangements_are_valid()
    {
        Assert.All(StateCouncilHolidayArrangements.All, year => Assert.Empty(year.Validate()));
    }

    [Fact]
    public void Default_working_day_is_seven_hours()
    {
        Assert.Equal(TimeSpan.FromHours(7), WorkingHours.Default.DayLength);
    }

    [Theory]
    [InlineData(2026, 11, 20, true)]   // Friday
    [InlineData(2026, 11, 21, false)]  // Saturday
    [InlineData(2026, 11, 22, false)]  // Sunday
    [InlineData(2026, 10, 1, false)]   // 国庆节
    [InlineData(2026, 10, 7, false)]   // 国庆节, a Wednesday
    [InlineData(2026, 10, 10, true)]   // adjusted working Saturday
    [InlineData(2026, 9, 20, true)]    // adjusted working Sunday
    [InlineData(2026, 2, 23, false)]   // 春节, a Monday
    [InlineData(2026, 1, 4, true)]     // adjusted working Sunday after 元旦
    [InlineData(2025, 1, 1, false)]    // 元旦 2025, one day
    [InlineData(2025, 1, 2, true)]
    [InlineData(2025, 2, 8, true)]     // adjusted working Saturday after 春节 2025
    [InlineData(2025, 10, 8, false)]   // 国庆节、中秋节 2025, 8 days
    public void Working_days_follow_the_arrangement(int year, int month, int day, bool expected)
    {
        Assert.Equal(expected, Calendar.IsWorkingDay(new DateOnly(year, month, day)));
    }

    [Fact]
    public void Years_without_an_arrangement_are_plain_weekdays()
    {
        Assert.False(Calendar.HasArrangementFor(2027));
        Assert.True(Calendar.HasArrangementFor(2026));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2027, 10, 1)));  // a Friday, no data for 2027
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 10, 2)));
    }

    [Theory]
    [InlineData(9, 0, true)]
    [InlineData(11, 59, true)]
    [InlineData(12, 0, false)]
    [InlineData(13, 0, false)]
    [InlineData(13, 30, true)]
    [InlineData(17, 29, true)]
    [InlineData(17, 30, false)]
    [InlineData(8, 59, false)]
    public void Working_time_is_within_the_periods_of_a_working_day(int hour, int minute, bool expected)
    {
        Assert.Equal(expected, Calendar.IsWorkingTime(Local(2026, 11, 20, hour, minute)));
        Assert.False(Calendar.IsWorkingTime(Local(2026, 11, 21, hour, minute)));
    }

    [Fact]
    public void Utc_instants_are_read_in_china_standard_time()
    {
        // 2026-11-22T23:30Z is Monday 07:30 in Beijing; 01:00Z is 09:00.
        Assert.False(Calendar.IsWorkingTime(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero)));
        Assert.True(Calendar.IsWorkingTime(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 23), ChinaStandardTime.ToLocalDate(new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 22), ChinaStandardTime.ToLocalDate(new DateTimeOffset(2026, 11, 22, 15, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Adding_working_time_from_a_utc_instant_answers_in_utc()
    {
        // Friday 17:00 Beijing = 09:00Z; half an hour on Friday, half on Monday: Monday 09:30 = 01:30Z.
        var due = Calendar.AddWorkingHours(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), 1);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void An_hour_before_the_weekend_ends_on_monday()
    {
        Assert.Equal(Local(2026, 11, 23, 9, 30), Calendar.AddWorkingHours(Local(2026, 11, 20, 17, 0), 1));
    }

    [Fact]
    public void Overnight_and_over_lunch()
    {
        Assert.Equal(Local(2026, 11, 18, 9, 30), Calendar.AddWorkingHours(Local(2026, 11, 17, 17, 0), 1));
        Assert.Equal(Local(2026, 11, 17, 14, 0), Calendar.AddWorkingHours(Local(2026, 11, 17, 11, 30), 1));
        Assert.Equal(Local(2026, 11, 18, 10, 0), Calendar.AddWorkingHours(Local(2026, 11, 17, 20, 0), 1));
    }

    [Fact]
    public void A_span_ending_at_closing_time_ends_then()
    {
        Assert.Equal(Local(2026, 11, 16, 17, 30), Calendar.AddWorkingHours(Local(2026, 11, 16, 16, 30), 1));
    }

    [Fact]
    public void Received_on_a_weekend_the_clock_starts_monday_morning()
    {
        Assert.Equal(Local(2026, 11, 23, 10, 0), Calendar.AddWorkingHours(Local(2026, 11, 21, 15, 0), 1));
    }

    [Fact]
    public void A_working_day_across_the_national_day_holiday()
    {
        // Wednesday 30 September 16:30: one hour that day, 1–7 October off, six hours on Thursday 8 October.
        Assert.Equal(Local(2026, 10, 8, 16, 30), Calendar.AddWorkingDays(Local(2026, 9, 30, 16, 30), 1));
    }

    [Fact]
    public void An_adjusted_working_saturday_counts()
    {
        Assert.Equal(Local(2026, 10, 10, 9, 30), Calendar.AddWorkingHours(Local(2026, 10, 9, 17, 0), 1));
        // An ordinary Saturday does not: 2026-10-17 is skipped for Monday 19 October.
        Assert.Equal(Local(2026, 10, 19, 9, 30), Calendar.AddWorkingHours(Local(2026, 10, 16, 17, 0), 1));
    }

    [Fact]
    public void Working_days_keep_the_time_of_day()
    {
        Assert.Equal(Local(2026, 11, 17, 10, 0), Calendar.AddWorkingDays(Local(2026, 11, 16, 10, 0), 1));
        Assert.Equal(Local(2026, 11, 30, 10, 0), Calendar.AddWorkingDays(Local(2026, 11, 16, 10, 0), 10));
    }

    [Fact]
    public void Zero_working_time_is_the_start_itself()
    {
        var saturday = Local(2026, 11, 21, 15, 0);
        Assert.Equal(saturday, Calendar.AddWorkingTime(saturday, TimeSpan.Zero));
    }

    [Fact]
    public void Working_time_between_spans_weekend_and_lunch()
    {
        Assert.Equal(TimeSpan.FromHours(2.5), Calendar.WorkingTimeBetween(Local(2026, 11, 20, 16, 0), Local(2026, 11, 23, 10, 0)));
        Assert.Equal(TimeSpan.FromHours(1), Calendar.WorkingTimeBetween(Local(2026, 11, 20, 11, 30), Local(2026, 11, 20, 14, 0)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Local(2026, 11, 21, 9, 0), Local(2026, 11, 22, 17, 0)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Local(2026, 11, 23, 10, 0), Local(2026, 11, 20, 10, 0)));
    }

    [Fact]
    public void Working_time_across_the_spring_festival_counts_both_adjusted_saturdays()
    {
        // 13 Feb (Fri), 14 Feb (adjusted Sat), 24–27 Feb, 28 Feb (adjusted Sat): seven working days.
        Assert.Equal(TimeSpan.FromHours(49), Calendar.WorkingTimeBetween(Local(2026, 2, 13, 9, 0), Local(2026, 3, 2, 9, 0)));
    }

    [Theory]
    [InlineData(2026, 11, 20, 2026, 11, 23)]
    [InlineData(2026, 9, 30, 2026, 10, 8)]
    [InlineData(2026, 10, 9, 2026, 10, 10)]
    [InlineData(2025, 12, 31, 2026, 1, 4)]
    [InlineData(2025, 9, 30, 2025, 10, 9)]
    public void Next_working_day(int y, int m, int d, int ey, int em, int ed)
    {
        Assert.Equal(new DateOnly(ey, em, ed), Calendar.NextWorkingDay(new DateOnly(y, m, d)));
    }

    [Fact]
    public void Adding_then_measuring_gives_back_the_span()
    {
        var starts = new[] { Local(2026, 9, 29, 11, 15), Local(2026, 2, 13, 16, 45), Local(2025, 12, 31, 20, 0) };
        var spans = new[] { TimeSpan.FromMinutes(1), TimeSpan.FromHours(3.5), TimeSpan.FromHours(7 * 15) };
        foreach (var start in starts)
        {
            foreach (var span in spans)
            {
                Assert.Equal(span, Calendar.WorkingTimeBetween(start, Calendar.AddWorkingTime(start, span)));
            }
        }
    }

    [Fact]
    public void Invalid_arrangements_are_refused_with_codes()
    {
        var year = new HolidayCalendarYear(
            2026,
            [new HolidayPeriod("x", new DateOnly(2026, 5, 5), new DateOnly(2026, 5, 1))],
            [new AdjustedWorkingDay(new DateOnly(2026, 11, 20), "x")],
            "test");
        Assert.Equal(["calendar.holiday_period_invalid", "calendar.adjusted_working_day_not_weekend"], year.Validate());
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([year], WorkingHours.Default));
    }
}
