using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>A target in working time, e.g. 1 working hour or 5 working days.</summary>
public sealed record SlaTarget(int Amount, SlaUnit Unit)
{
    public TimeSpan ToWorkingTime(WorkingHours hours) => Unit switch
    {
        SlaUnit.WorkingHours => TimeSpan.FromHours(Amount),
        SlaUnit.WorkingDays => hours.DayLength * Amount,
        _ => throw new InvalidOperationException($"Unknown SLA unit {Unit}."),
    };
}
