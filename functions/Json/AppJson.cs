using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Gonghui.Functions.Json;

/// <summary>
/// JSON as the whole app writes it: HTTP answers, stored records and queue messages. Web defaults (camelCase
/// properties); enums as snake_case strings (<c>LegalAid</c> is <c>"legal_aid"</c>) unless a member names itself with
/// <see cref="JsonStringEnumMemberNameAttribute"/>, never as numbers, and <c>WireNames</c> gives the same names to query
/// strings and form fields; Chinese text as is, not as \uXXXX escapes (HTML-significant characters are still escaped).
/// Types with a text form of their own (amounts, phone and ticket numbers) carry their converter as an attribute.
/// </summary>
public static class AppJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// <see cref="Options"/> with nullable annotations and required constructor parameters enforced, for request bodies and
    /// admin-edited records: a missing or null non-nullable field is a 400 rather than a null in the code.
    /// </summary>
    public static JsonSerializerOptions Strict { get; } = ConfigureStrict(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Makes <paramref name="options"/> <see cref="Strict"/> (the worker's ASP.NET Core JSON options).</summary>
    public static JsonSerializerOptions ConfigureStrict(JsonSerializerOptions options)
    {
        Configure(options);
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is null.");

    /// <summary>A stored value that may be absent (a row property not written yet).</summary>
    public static T? DeserializeOptional<T>(string? json) where T : class => json is { Length: > 0 } ? Deserialize<T>(json) : null;

    private static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}
