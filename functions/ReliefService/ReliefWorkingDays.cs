using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief;

namespace Gonghui.Functions.ReliefService;

/// <summary>The State Council holiday calendar as the relief workflow's <see cref="WorkingDayAdder"/> (pure, so replay-safe).</summary>
public static class ReliefWorkingDays
{
    private static readonly WorkingCalendar Calendar = new(StateCouncilHolidayArrangements.All, WorkingHours.Default);

    public static WorkingDayAdder Adder { get; } = Calendar.AddWorkingDays;
}
