namespace Gonghui.Functions.Registry.Domain;

public enum AwardLevel
{
    National,
    Provincial,
    Other,
}
