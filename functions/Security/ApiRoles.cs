namespace Gonghui.Functions.Security;

/// <summary>The roles an API key can carry (ARCHITECTURE.md, security model).</summary>
[Flags]
public enum ApiRoles
{
    None = 0,
    Operator = 1,
    Handler = 2,
    Supervisor = 4,
    Approver = 8,
    Admin = 16,

    /// <summary>Model-worker registry staff, limited to their key's region.</summary>
    Registry = 32,

    /// <summary>A grassroots union nominating for awards: its key's unit is the union, its region the union's county.</summary>
    Nominator = 64,
}
