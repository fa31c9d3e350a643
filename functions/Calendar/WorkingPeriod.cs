namespace Gonghui.Functions.Calendar;

/// <summary>A stretch of working time within a working day, in local (UTC+8) wall-clock time.</summary>
public sealed record WorkingPeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;
}
