using System.Text.Json.Nodes;

namespace Gonghui.Infra.Tests;

/// <summary>The ARM template <c>bicep build</c> compiles infra/main.bicep to, read for the tests.</summary>
public sealed class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public IEnumerable<JsonObject> Resources => Root["resources"]!.AsArray().Select(r => r!.AsObject());

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type) => Assert.Single(ResourcesOfType(type));

    /// <summary>A template string as an expression (a literal becomes a string node).</summary>
    public static ArmExpression Expression(JsonNode? value) =>
        ArmExpression.FromTemplateString(value?.GetValue<string>() ?? throw new InvalidOperationException("No value."));

    /// <summary>The expression <c>resourceId('type', name)</c> other resources use to point at a top-level resource.</summary>
    public static string ResourceIdOf(JsonObject resource) =>
        new ArmCall("resourceId", [new ArmString((string)resource["type"]!), Expression(resource["name"])]).ToString();

    /// <summary>The name expression of a child resource (<c>format('{0}/{1}', parent, child)</c>) split into its parts.</summary>
    public static IReadOnlyList<ArmExpression> NameSegments(JsonObject resource) => Expression(resource["name"]) switch
    {
        ArmCall { Arguments: [ArmString, _, ..] } format when format.IsCall("format") => format.Arguments.Skip(1).ToList(),
        var name => [name],
    };

    /// <summary>
    /// The value a simple expression stands for: a literal, or a member of an object variable (<c>variables('roles').x</c>).
    /// </summary>
    public string? Resolve(ArmExpression expression) => expression switch
    {
        ArmString literal => literal.Value,
        ArmCall call when call.IsCall("variables") && call.Arguments is [ArmString name] =>
            Root["variables"]?[name.Value] is JsonValue value ? value.GetValue<string>() : null,
        ArmMember { Target: ArmCall call } member when call.IsCall("variables") && call.Arguments is [ArmString name] =>
            Root["variables"]?[name.Value]?[member.Name] is JsonValue value ? value.GetValue<string>() : null,
        _ => null,
    };

    /// <summary>Whether a parameter is declared @secure() (securestring or secureObject).</summary>
    public bool IsSecureParameter(string name) =>
        ((string?)Root["parameters"]?[name]?["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// The function app's settings (name and value expression) as deployed on the given hosting plan: the compiled
    /// siteConfig.appSettings, with the template's choice of plan (<c>if(variables('isFlex'), ...)</c>) taken.
    /// </summary>
    public IReadOnlyDictionary<string, ArmExpression> AppSettings(bool flexConsumption)
    {
        var site = Single("Microsoft.Web/sites");
        var appSettings = site["properties"]?["siteConfig"]?["appSettings"]
            ?? throw new InvalidOperationException("The function app has no siteConfig.appSettings.");
        var settings = new Dictionary<string, ArmExpression>(StringComparer.Ordinal);
        if (appSettings is JsonArray literal)
        {
            foreach (var setting in literal)
                settings.Add((string)setting!["name"]!, Expression(setting["value"]));
            return settings;
        }
        foreach (var (name, value) in Settings(Expression(appSettings), flexConsumption))
            settings.Add(name, value);
        return settings;
    }

    private static IEnumerable<(string Name, ArmExpression Value)> Settings(ArmExpression expression, bool flexConsumption)
    {
        switch (expression)
        {
            case ArmCall { Arguments: [var condition, var whenTrue, var whenFalse] } choice when choice.IsCall("if"):
                Assert.Equal("variables('isFlex')", condition.ToString());
                return Settings(flexConsumption ? whenTrue : whenFalse, flexConsumption);
            case ArmCall concat when concat.IsCall("concat"):
                return concat.Arguments.SelectMany(part => Settings(part, flexConsumption));
            case ArmCall array when array.IsCall("createArray"):
                return array.Arguments.Select(Setting);
            default:
                throw new InvalidOperationException($"The app settings are built in a way the tests do not read: {expression}");
        }
    }

    private static (string Name, ArmExpression Value) Setting(ArmExpression expression) => expression switch
    {
        ArmCall { Arguments: [ArmString { Value: "name" }, ArmString name, ArmString { Value: "value" }, var value] } call
            when call.IsCall("createObject") => (name.Value, value),
        _ => throw new InvalidOperationException($"An app setting is not a name and a value: {expression}"),
    };
}
