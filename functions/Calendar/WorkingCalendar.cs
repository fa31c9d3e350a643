namespace Gonghui.Functions.Calendar;

/// <summary>
/// Working time in China Standard Time: weekdays, minus holidays, plus adjusted working days, within
/// the working hours. Years without a record fall back to plain weekdays. All operations take and
/// return instants; an "N working days" span is N × <see cref="WorkingHours.DayLength"/> of working
/// time, so 1 working day from Monday 10:00 is Tuesday 10:00 and fractions of an SLA are exact.
/// </summary>
public sealed class WorkingCalendar
{
    // No real arrangement has anywhere near ten years without a working day; past that the data is broken.
    private const int MaxDaysScanned = 3660;

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _adjustedWorkingDays;
    private readonly HashSet<int> _yearsWithArrangement;

    public WorkingCalendar(IEnumerable<HolidayCalendarYear> years, WorkingHours hours)
    {
        var list = years.ToList();
        var invalid = list.FirstOrDefault(year => year.Validate().Count > 0);
        if (invalid is not null)
        {
            throw new ArgumentException(
                $"Holiday calendar {invalid.Year} is invalid: {string.Join(", ", invalid.Validate())}.", nameof(years));
        }

        _holidays = list.SelectMany(year => year.Holidays).SelectMany(period => period.Days()).ToHashSet();
        _adjustedWorkingDays = list.SelectMany(year => year.AdjustedWorkingDays).Select(day => day.Date).ToHashSet();
        _yearsWithArrangement = list.Select(year => year.Year).ToHashSet();
        Hours = hours;
    }

    public WorkingHours Hours { get; }

    /// <summary>Whether admins have entered a holiday arrangement for the year (else weekdays only).</summary>
    public bool HasArrangementFor(int year) => _yearsWithArrangement.Contains(year);

    public bool IsWorkingDay(DateOnly date) =>
        _adjustedWorkingDays.Contains(date) || (!HolidayCalendarYear.IsWeekend(date) && !_holidays.Contains(date));

    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var local = ChinaStandardTime.ToLocal(instant);
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        return IsWorkingDay(date) && Hours.Periods.Any(period => time >= period.Start && time < period.End);
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        for (var i = 1; i <= MaxDaysScanned; i++)
        {
            var candidate = date.AddDays(i);
            if (IsWorkingDay(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No working day within {MaxDaysScanned} days after {date:yyyy-MM-dd}.");
    }

    /// <summary>
    /// The instant at which <paramref name="workingTime"/> of working time has passed since
    /// <paramref name="start"/>. Time outside working hours does not count; a span that ends exactly
    /// at the end of a period ends there (17:30), not at the start of the next one.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (workingTime == TimeSpan.Zero)
        {
            return start;
        }

        var cursor = ChinaStandardTime.ToLocal(start);
        var remaining = workingTime;
        var date = DateOnly.FromDateTime(cursor);
        for (var scanned = 0; scanned <= MaxDaysScanned; scanned++, date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            foreach (var period in Hours.Periods)
            {
                var periodEnd = date.ToDateTime(period.End);
                var from = Max(cursor, date.ToDateTime(period.Start));
                if (from >= periodEnd)
                {
                    continue;
                }

                var available = periodEnd - from;
                if (remaining <= available)
                {
                    return ChinaStandardTime.FromLocal(from + remaining).ToOffset(start.Offset);
                }

                remaining -= available;
            }
        }

        throw new InvalidOperationException($"No working time within {MaxDaysScanned} days after {start:O}.");
    }

    public DateTimeOffset AddWorkingHours(DateTimeOffset start, double hours) =>
        AddWorkingTime(start, TimeSpan.FromHours(hours));

    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days) =>
        AddWorkingTime(start, Hours.DayLength * days);

    /// <summary>Working time between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var start = ChinaStandardTime.ToLocal(from);
        var end = ChinaStandardTime.ToLocal(to);
        var total = TimeSpan.Zero;
        for (var date = DateOnly.FromDateTime(start); date <= DateOnly.FromDateTime(end); date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            foreach (var period in Hours.Periods)
            {
                var overlapStart = Max(start, date.ToDateTime(period.Start));
                var overlapEnd = Min(end, date.ToDateTime(period.End));
                if (overlapEnd > overlapStart)
                {
                    total += overlapEnd - overlapStart;
                }
            }
        }

        return total;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
