using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief;

namespace Gonghui.Functions.ReliefService;

/// <summary>The State Council holiday calendar as the relief workflow's <see cref="WorkingDayAdder"/> (pure, so replay-safe).</summary>
public static class ReliefWorkingDays
{
    private static readonly WorkingCalendar Calendar = new(StateCouncilHolidayArrangements.All, WorkingHours.Default);

    public static WorkingDayAdder Adder { get; } = Calendar.AddWorkingDays;

    /// <summary>
    /// The calendar, or for timer tests (<paramref name="workingDayLength"/> set) working days of that length back to
    /// back: durable timers fire on the real clock, so a test of reminders, escalation and expiry shortens the days.
    /// </summary>
    public static WorkingDayAdder For(TimeSpan? workingDayLength) =>
        workingDayLength is { } length ? (start, workingDays) => start + length * workingDays : Adder;
}
