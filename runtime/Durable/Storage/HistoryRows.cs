using System.Globalization;
using System.Text.Json;
using Gonghui.Storage.Tables;

namespace Gonghui.Durable.Storage;

/// <summary>
/// History rows: RowKey "h{generation:D6}-{first sequence:D8}", each holding a JSON array of the events one step
/// appended (split over several rows when large), so a step writes its head and history in one transaction of a
/// few operations. Row keys sort by generation, then sequence, and all sort before "head".
/// </summary>
internal static class HistoryRows
{
    private const int MaxRowChars = 300_000;

    public static string Key(int generation, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"h{generation:D6}-{sequence:D8}");

    public static int GenerationOf(string rowKey) => int.Parse(rowKey.AsSpan(1, 6), CultureInfo.InvariantCulture);

    public static string GenerationStart(int generation) => Key(generation, 0);

    /// <summary>Rows for events appended at <paramref name="firstSequence"/> onwards.</summary>
    public static List<TableEntity> Build(string instanceId, int generation, string executionId, int firstSequence, IReadOnlyList<HistoryEvent> events)
    {
        var rows = new List<TableEntity>();
        var start = 0;
        while (start < events.Count)
        {
            var batch = new List<HistoryEvent>();
            var chars = 0;
            for (var i = start; i < events.Count; i++)
            {
                var length = JsonSerializer.Serialize(events[i], DurableJson.Options).Length;
                if (batch.Count > 0 && chars + length > MaxRowChars)
                    break;
                batch.Add(events[i]);
                chars += length;
            }
            var row = new TableEntity(instanceId, Key(generation, firstSequence + start)) { ["ExecutionId"] = executionId };
            PayloadColumns.Write(row, "Events", JsonSerializer.Serialize(batch, DurableJson.Options));
            rows.Add(row);
            start += batch.Count;
        }
        return rows;
    }

    public static List<HistoryEvent> Read(TableEntity row) =>
        JsonSerializer.Deserialize<List<HistoryEvent>>(PayloadColumns.Read(row, "Events") ?? "[]", DurableJson.Options) ?? [];
}
