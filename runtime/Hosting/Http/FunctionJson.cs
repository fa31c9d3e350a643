using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gonghui.Hosting.Http;

/// <summary>
/// JSON as the app speaks it: camelCase, enums as strings, and nullable annotations and required constructor
/// parameters enforced, so a missing or null non-nullable field is a 400 rather than a null in the code.
/// </summary>
public static class FunctionJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
