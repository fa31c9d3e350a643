namespace Gonghui.Durable.Storage;

/// <summary>
/// An instance as a step sees it: the head, the current execution's history, and the events of rows from which
/// outbound messages may not have been sent (with the execution each belongs to).
/// <see cref="OutboxSent"/> is true only when this process committed the last step and sent its messages itself.
/// </summary>
internal sealed record LoadedInstance(
    InstanceHead? Head,
    List<HistoryEvent> Events,
    List<(string ExecutionId, HistoryEvent Event)> Unsent,
    bool OutboxSent);
