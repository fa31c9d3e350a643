namespace Gonghui.Functions.Calendar;

/// <summary>The working periods of every working day, ordered and not overlapping.</summary>
public sealed record WorkingHours
{
    public WorkingHours(IReadOnlyList<WorkingPeriod> periods)
    {
        if (periods.Count == 0)
        {
            throw new ArgumentException("At least one working period is required.", nameof(periods));
        }

        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i].End <= periods[i].Start || (i > 0 && periods[i].Start < periods[i - 1].End))
            {
                throw new ArgumentException("Working periods must be non-empty, ordered and not overlapping.", nameof(periods));
            }
        }

        Periods = periods;
        DayLength = TimeSpan.FromTicks(periods.Sum(period => period.Length.Ticks));
    }

    public IReadOnlyList<WorkingPeriod> Periods { get; }

    /// <summary>The working time in one working day; one "working day" of an SLA is this long.</summary>
    public TimeSpan DayLength { get; }

    /// <summary>09:00–12:00 and 13:30–17:30: seven working hours a day.</summary>
    public static WorkingHours Default { get; } = new(
    [
        new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(12, 0)),
        new WorkingPeriod(new TimeOnly(13, 30), new TimeOnly(17, 30)),
    ]);
}
