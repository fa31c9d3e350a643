using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// One SLA clock of a ticket (acceptance or resolution), counting working time only.
/// Running: <see cref="RunningSince"/> set, <see cref="DueAt"/> is when the target is reached.
/// Paused (waiting on the caller): neither set, <see cref="Elapsed"/> holds the time used so far.
/// Stopped: <see cref="StoppedAt"/> set, <see cref="Elapsed"/> final, <see cref="DueAt"/> the due instant that applied.
/// <see cref="Cycle"/> counts restarts (transfer, reopen) so each restart's SLA events are raised afresh.
/// </summary>
public sealed record SlaClock(
    int Cycle,
    TimeSpan Target,
    TimeSpan Elapsed,
    DateTimeOffset? RunningSince,
    DateTimeOffset? DueAt,
    DateTimeOffset? StoppedAt,
    DateTimeOffset? BreachedAt)
{
    public bool IsRunning => RunningSince is not null;

    public bool IsPaused => RunningSince is null && StoppedAt is null;

    public bool IsStopped => StoppedAt is not null;

    public bool IsBreached => BreachedAt is not null;

    /// <summary>Stopped within its target.</summary>
    public bool WasMet => IsStopped && Elapsed <= Target;

    public static SlaClock Start(int cycle, TimeSpan target, DateTimeOffset now, WorkingCalendar calendar) =>
        new(cycle, target, TimeSpan.Zero, now, calendar.AddWorkingTime(now, target), null, null);

    /// <summary>A new cycle from now with the same target.</summary>
    public SlaClock Restart(DateTimeOffset now, WorkingCalendar calendar) => Start(Cycle + 1, Target, now, calendar);

    public TimeSpan ElapsedAt(DateTimeOffset now, WorkingCalendar calendar) =>
        RunningSince is { } since ? Elapsed + calendar.WorkingTimeBetween(since, now) : Elapsed;

    /// <summary>Working time used as a fraction of the target (1.0 = due).</summary>
    public double FractionAt(DateTimeOffset now, WorkingCalendar calendar) =>
        (double)ElapsedAt(now, calendar).Ticks / Target.Ticks;

    /// <summary>When the clock reaches <paramref name="percent"/> % of its target, if it is running.</summary>
    public DateTimeOffset? InstantAtPercent(int percent, WorkingCalendar calendar)
    {
        if (RunningSince is not { } since)
        {
            return null;
        }

        var mark = TimeSpan.FromTicks(Target.Ticks * percent / 100);
        return mark <= Elapsed ? since : calendar.AddWorkingTime(since, mark - Elapsed);
    }

    public SlaClock Pause(DateTimeOffset now, WorkingCalendar calendar) =>
        IsRunning ? this with { Elapsed = ElapsedAt(now, calendar), RunningSince = null, DueAt = null } : this;

    public SlaClock Resume(DateTimeOffset now, WorkingCalendar calendar) =>
        IsPaused
            ? this with { RunningSince = now, DueAt = calendar.AddWorkingTime(now, Target > Elapsed ? Target - Elapsed : TimeSpan.Zero) }
            : this;

    /// <summary>Stops the clock; a clock stopped past its target is breached at its due instant.</summary>
    public SlaClock Stop(DateTimeOffset now, WorkingCalendar calendar)
    {
        if (IsStopped)
        {
            return this;
        }

        var elapsed = ElapsedAt(now, calendar);
        var dueAt = DueAt ?? calendar.AddWorkingTime(now, Target > Elapsed ? Target - Elapsed : TimeSpan.Zero);
        return this with
        {
            Elapsed = elapsed,
            RunningSince = null,
            DueAt = dueAt,
            StoppedAt = now,
            BreachedAt = BreachedAt ?? (elapsed > Target ? dueAt : null),
        };
    }

    public SlaClock MarkBreached() => IsBreached ? this : this with { BreachedAt = DueAt };
}
