namespace Gonghui.Durable.Storage;

/// <summary>
/// A queue message of the task hub: one history event addressed to an instance (and, for results, to the
/// execution that asked for them). <see cref="Id"/> is deterministic for engine-sent messages, so a resend after a
/// crash is recognised as the same message.
/// </summary>
internal sealed record TaskMessage(string Id, string InstanceId, string? ExecutionId, HistoryEvent Event)
{
    /// <summary>When the message should take effect (timers, delayed starts); earlier deliveries are re-armed.</summary>
    public DateTimeOffset? DueAt => Event.EventType switch
    {
        EventType.TimerFired => Event.FireAt,
        EventType.ExecutionStarted => Event.ScheduledStartTime,
        _ => null,
    };
}
