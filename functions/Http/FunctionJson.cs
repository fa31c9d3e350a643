using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Gonghui.Functions.Http;

/// <summary>
/// JSON as the app speaks it: camelCase, enums as strings, and nullable annotations and required constructor
/// parameters enforced, so a missing or null non-nullable field is a 400 rather than a null in the code. Chinese text
/// is written as is (not as \uXXXX escapes), so responses stay readable; HTML-sensitive characters are still escaped.
/// </summary>
public static class FunctionJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
