namespace Gonghui.Functions.Hotline;

public enum SlaUnit
{
    WorkingHours,
    WorkingDays,
}
