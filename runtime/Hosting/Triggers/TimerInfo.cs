namespace Gonghui.Hosting.Triggers;

/// <summary>What a timer function is told about the occurrence it runs for.</summary>
public sealed class TimerInfo
{
    public required TimerScheduleStatus ScheduleStatus { get; init; }

    /// <summary>True when this occurrence is later than scheduled (the app was down or busy).</summary>
    public bool IsPastDue { get; init; }
}

public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
