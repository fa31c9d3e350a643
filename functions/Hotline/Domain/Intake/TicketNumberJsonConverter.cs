using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>A ticket number in JSON is its printed text ("261121-0042-7").</summary>
public sealed class TicketNumberJsonConverter : JsonConverter<TicketNumber>
{
    public override TicketNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TicketNumber.TryParse(reader.GetString(), out var number) ? number : throw new JsonException("Not a ticket number.");

    public override void Write(Utf8JsonWriter writer, TicketNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
