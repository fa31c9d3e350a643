using Microsoft.Extensions.Configuration;

namespace Gonghui.LocalHost.Configuration;

/// <summary>Trigger arguments written as <c>%SettingName%</c> take the setting's value, as in Azure Functions.</summary>
public static class SettingExpression
{
    public static string Resolve(IConfiguration configuration, string value, string functionName)
    {
        if (value.Length < 3 || value[0] != '%' || value[^1] != '%')
            return value;
        var name = value[1..^1];
        return configuration[name] is { Length: > 0 } resolved
            ? resolved
            : throw new InvalidOperationException($"Function '{functionName}' names the setting '{name}', which is not set.");
    }

    /// <summary>True when the setting <c>AzureWebJobs.NAME.Disabled</c> (or AzureWebJobs:NAME:Disabled) is true.</summary>
    public static bool IsFunctionDisabled(IConfiguration configuration, string functionName) =>
        IsTrue(configuration[$"AzureWebJobs.{functionName}.Disabled"]) ||
        IsTrue(configuration[$"AzureWebJobs:{functionName}:Disabled"]);

    private static bool IsTrue(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
