using Gonghui.Storage.Tables;
using Gonghui.Testing;

namespace Gonghui.Durable.Tests;

/// <summary>Checks a task hub's invariants straight from its tables: no duplicated history, index equal to heads.</summary>
public static class HubInspector
{
    /// <summary>Every duplicated history event of the instance's current execution, described.</summary>
    public static List<string> DuplicatedEvents(string instanceId, IList<HistoryEvent> history)
    {
        var problems = new List<string>();
        void Unique<T>(string what, IEnumerable<T> keys) =>
            problems.AddRange(keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => $"{instanceId}: {what} {g.Key} x{g.Count()}"));
        Unique("scheduled task", history.Where(e => e.EventType is EventType.TaskScheduled or EventType.TimerCreated
            or EventType.SubOrchestrationInstanceCreated or EventType.EventSent).Select(e => e.EventId));
        Unique("result for task", history.Where(e => e.EventType is EventType.TaskCompleted or EventType.TaskFailed or EventType.TimerFired
            or EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed).Select(e => e.TaskScheduledId));
        Unique("raised event", history.Where(e => e.EventType == EventType.EventRaised).Select(e => e.MessageId));
        Unique("start", history.Where(e => e.EventType == EventType.ExecutionStarted).Select(_ => "ExecutionStarted"));
        Unique("completion", history.Where(e => e.EventType == EventType.ExecutionCompleted).Select(_ => "ExecutionCompleted"));
        return problems;
    }

    /// <summary>Instances whose index row is missing or disagrees with the head row, described.</summary>
    public static async Task<List<string>> IndexMismatches(AzuriteServer azurite, string hubName)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var heads = new Dictionary<string, (string? Status, string? Execution)>();
        await foreach (var head in tables.GetTableClient(hubName + "History").QueryAsync(TableOdataFilter.Create($"RowKey eq {"head"}")))
            heads[head.PartitionKey] = (head.GetString("Status"), head.GetString("ExecutionId"));
        var index = new Dictionary<string, (string? Status, string? Execution)>();
        await foreach (var row in tables.GetTableClient(hubName + "Instances").QueryAsync())
            index[row.PartitionKey] = (row.GetString("Status"), row.GetString("ExecutionId"));
        return heads.Where(h => !index.TryGetValue(h.Key, out var i) || i != h.Value)
            .Select(h => $"{h.Key}: head {h.Value} index {(index.TryGetValue(h.Key, out var i) ? i.ToString() : "missing")}")
            .Concat(index.Keys.Except(heads.Keys).Select(k => $"{k}: index row without head"))
            .ToList();
    }
}
