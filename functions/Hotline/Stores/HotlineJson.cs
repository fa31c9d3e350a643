using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// How hotline records are kept in storage and queue messages: camelCase, enums by their wire names
/// (snake_case), phone numbers in normalized form, ticket numbers as printed.
/// </summary>
public static class HotlineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Chinese text stays readable in storage and responses; HTML-significant characters are still escaped.
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Converters =
        {
            new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false),
            new PhoneNumberConverter(),
            new TicketNumberConverter(),
        },
    };

    /// <summary>For admin-edited records: every constructor parameter must be present and non-nullable ones non-null.</summary>
    public static JsonSerializerOptions Strict { get; } = new(Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is null.");

    private sealed class PhoneNumberConverter : JsonConverter<PhoneNumber>
    {
        public override PhoneNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            PhoneNumber.TryParse(reader.GetString(), out var phone) ? phone : throw new JsonException("Not a phone number.");

        public override void Write(Utf8JsonWriter writer, PhoneNumber value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Normalized);
    }

    private sealed class TicketNumberConverter : JsonConverter<TicketNumber>
    {
        public override TicketNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TicketNumber.TryParse(reader.GetString(), out var number) ? number : throw new JsonException("Not a ticket number.");

        public override void Write(Utf8JsonWriter writer, TicketNumber value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
