using System.Globalization;
using Gonghui.Storage.Tables;

namespace Gonghui.Durable.Storage;

/// <summary>
/// Stores a long string across several properties of one entity (a table property holds 64 KiB, 32K UTF-16
/// characters), so payloads are split, never truncated. Payloads beyond <see cref="MaxPayloadChars"/> are refused.
/// </summary>
internal static class PayloadColumns
{
    public const int MaxPayloadChars = 120_000;
    private const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string name, string? value)
    {
        if (value is null)
            return;
        if (value.Length <= ChunkChars)
        {
            entity[name] = value;
            return;
        }
        var chunks = (value.Length + ChunkChars - 1) / ChunkChars;
        entity[name + "_Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
            entity[ChunkName(name, i)] = value.Substring(i * ChunkChars, Math.Min(ChunkChars, value.Length - i * ChunkChars));
    }

    public static string? Read(TableEntity entity, string name)
    {
        // Test for the property itself: TableEntity.GetInt32 answers 0, not null, for a missing property.
        if (!entity.ContainsKey(name + "_Chunks"))
            return entity.GetString(name);
        var chunks = entity.GetInt32(name + "_Chunks")!.Value;
        return string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(ChunkName(name, i))));
    }

    public static void EnsureStorable(string what, string? payload)
    {
        if (payload is not null && payload.Length > MaxPayloadChars)
            throw new PayloadTooLargeException(what, payload.Length, MaxPayloadChars);
    }

    private static string ChunkName(string name, int index) => name + "_" + index.ToString(CultureInfo.InvariantCulture);
}
