namespace Gonghui.Functions.Hotline.Domain;

public enum SlaUnit
{
    WorkingHours,
    WorkingDays,
}
