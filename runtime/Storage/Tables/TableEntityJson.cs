using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;

namespace Gonghui.Storage.Tables;

/// <summary>Reads and writes entities in the Table service's JSON format with OData type annotations.</summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(IDictionary<string, object?> entity)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteEntity(writer, entity);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteEntity(Utf8JsonWriter writer, IDictionary<string, object?> entity)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            if (value is null || name == TableEntity.TimestampName || name.StartsWith("odata.", StringComparison.Ordinal))
                continue;
            WriteProperty(writer, name, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                break;
            case double or float:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(d))
                    writer.WriteNumber(name, d);
                else
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case DateTimeOffset dto:
                writer.WriteString(name, FormatDateTime(dto));
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                break;
            case DateTime dt:
                writer.WriteString(name, FormatDateTime(AsUtc(dt)));
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                break;
            case Guid g:
                writer.WriteString(name, g.ToString("D"));
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                break;
            case BinaryData data:
                writer.WriteBase64String(name, data.ToMemory().Span);
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                break;
            case Enum e:
                writer.WriteString(name, e.ToString());
                break;
            default:
                throw new NotSupportedException(
                    $"Property '{name}' has type {value.GetType().Name}, which Table storage cannot hold. " +
                    "Use string, int, long, double, bool, DateTimeOffset, Guid or byte[].");
        }
    }

    /// <summary>A DateTime of unspecified kind is taken as UTC (as Azure.Data.Tables does); a local one is converted.</summary>
    internal static DateTimeOffset AsUtc(DateTime value) =>
        new(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime());

    internal static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads one entity; pass one <paramref name="names"/> cache for all entities of a query page.</summary>
    public static TableEntity ReadEntity(JsonElement element, string? etagHeader = null, TablePropertyNameCache? names = null)
    {
        var entity = new TableEntity(capacity: element.GetPropertyCount());
        Span<byte> annotationName = stackalloc byte[MaxAnnotatedNameBytes];
        var position = 0;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("odata.etag"u8))
            {
                entity.ETag = new ETag(value.GetString()!);
                position++;
                continue;
            }
            var name = names is null ? property.Name : names.NameAt(position, property);
            position++;
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
                continue;
            var type = name switch
            {
                TableEntity.PartitionKeyName or TableEntity.RowKeyName => "Edm.String",
                TableEntity.TimestampName => "Edm.DateTime", // a system property, sent without annotation
                _ when value.ValueKind is JsonValueKind.String or JsonValueKind.Number => Annotation(element, name, annotationName),
                _ => null,
            };
            entity[name] = ReadValue(value, type);
        }
        if (etagHeader is not null)
            entity.ETag = new ETag(etagHeader);
        return entity;
    }

    // The service limits property names to 255 characters; longer ones take the slow path.
    private const int MaxAnnotatedNameBytes = 1024;

    /// <summary>
    /// The "Name@odata.type" annotation of a property, looked up by its UTF-8 name in a stack buffer: no string is
    /// built per property, which matters when a page holds a thousand entities.
    /// </summary>
    private static string? Annotation(JsonElement entity, string name, Span<byte> buffer)
    {
        if (Encoding.UTF8.GetMaxByteCount(name.Length) + TypeSuffix.Length > buffer.Length)
            return entity.TryGetProperty(name + TypeSuffix, out var longNamed) ? longNamed.GetString() : null;
        var length = Encoding.UTF8.GetBytes(name, buffer);
        "@odata.type"u8.CopyTo(buffer[length..]);
        return entity.TryGetProperty(buffer[..(length + TypeSuffix.Length)], out var annotation) ? annotation.GetString() : null;
    }

    private static object? ReadValue(JsonElement value, string? edmType)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        switch (edmType)
        {
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.String
                    ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture)
                    : value.GetInt64();
            case "Edm.Int32":
                return value.ValueKind == JsonValueKind.String
                    ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture)
                    : value.GetInt32();
            case "Edm.Double":
                return value.ValueKind == JsonValueKind.String
                    ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
                    : value.GetDouble();
            case "Edm.DateTime":
                return value.TryGetDateTimeOffset(out var iso)
                    ? iso.ToUniversalTime()
                    : DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            case "Edm.Guid":
                return value.TryGetGuid(out var guid) ? guid : Guid.Parse(value.GetString()!);
            case "Edm.Binary":
                return value.GetBytesFromBase64();
            case "Edm.Boolean":
                return value.GetBoolean();
            case "Edm.String":
                return value.GetString();
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var i) => i,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        };
    }
}
