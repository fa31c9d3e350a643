using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gonghui.Functions.Money;

/// <summary>
/// Writes amounts as the string "1234.50"; reads that string or a JSON number written the same way,
/// from its literal text so no binary floating point is ever involved.
/// </summary>
public sealed class YuanJsonConverter : JsonConverter<Yuan>
{
    public override Yuan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = AmountText.Read(ref reader);
        return Yuan.TryParse(text, out var amount)
            ? amount
            : throw new JsonException("Expected an amount in yuan such as \"1234.50\".");
    }

    public override void Write(Utf8JsonWriter writer, Yuan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>
/// For request fields holding an amount as text: accepts a JSON string or number and keeps its literal
/// text, so that validation (not deserialization) reports a bad amount as a field error.
/// </summary>
public sealed class AmountTextJsonConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : AmountText.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}

internal static class AmountText
{
    public static string Read(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => Encoding.UTF8.GetString(
            reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        // Any other value is kept as its raw JSON so validation reports it as a bad amount.
        _ => GetRawText(ref reader),
    };

    private static string GetRawText(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}
