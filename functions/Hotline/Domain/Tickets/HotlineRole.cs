namespace Gonghui.Functions.Hotline.Domain;

/// <summary>The parts people play on the hotline; the HTTP layer maps an API caller's roles onto them.</summary>
[Flags]
public enum HotlineRole
{
    None = 0,
    Operator = 1,
    Handler = 2,
    Supervisor = 4,
    Admin = 8,
}
