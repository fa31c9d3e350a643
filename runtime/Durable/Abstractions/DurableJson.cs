using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gonghui.Durable;

/// <summary>The JSON settings for payloads (web defaults: camelCase, case-insensitive reads) and for stored events.</summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    internal static T? Deserialize<T>(string? json) => string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);

    internal static object? Deserialize(string? json, Type type) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, type, Options);
}
