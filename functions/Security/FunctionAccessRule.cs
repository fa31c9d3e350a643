namespace Gonghui.Functions.Security;

/// <summary>How an HTTP function admits its callers.</summary>
public enum FunctionAccessKind
{
    /// <summary>Anyone: the function checks its own credential (<see cref="PublicAccessAttribute"/>).</summary>
    Public,

    /// <summary>An API key or App Service principal of one of the roles (<see cref="ApiAccessAttribute"/>).</summary>
    ApiKey,

    /// <summary>A staff member signed in to the pages, with a key or principal of one of the roles (<see cref="StaffPages.StaffPageAttribute"/>).</summary>
    StaffPage,
}

/// <summary>What a function declares: the kind of access and the roles admitted (none for a public function).</summary>
public sealed record FunctionAccessRule(FunctionAccessKind Kind, ApiRoles Roles)
{
    public static FunctionAccessRule Public { get; } = new(FunctionAccessKind.Public, ApiRoles.None);
}
