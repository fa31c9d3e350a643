namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// Six-digit administrative division codes (GB/T 2260): a county or district (370102), a city (370100) or a
/// province (370000). A city or province code covers every code under it, so a city's staff see its districts.
/// </summary>
public static class RegionCode
{
    public static bool IsValid(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit) && code[..2] != "00";

    /// <summary>The part every covered code starts with: 37 for 370000, 3701 for 370100, 370102 for 370102.</summary>
    public static string Prefix(string code) =>
        code.EndsWith("0000", StringComparison.Ordinal) ? code[..2]
        : code.EndsWith("00", StringComparison.Ordinal) ? code[..4]
        : code;

    public static bool Covers(string scope, string region) => region.StartsWith(Prefix(scope), StringComparison.Ordinal);
}
