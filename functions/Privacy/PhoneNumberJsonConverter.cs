using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gonghui.Functions.Privacy;

/// <summary>A phone number in JSON is its <see cref="PhoneNumber.Normalized"/> text.</summary>
public sealed class PhoneNumberJsonConverter : JsonConverter<PhoneNumber>
{
    public override PhoneNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PhoneNumber.TryParse(reader.GetString(), out var phone) ? phone : throw new JsonException("Not a phone number.");

    public override void Write(Utf8JsonWriter writer, PhoneNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Normalized);
}
