namespace Gonghui.Hosting.Triggers;

/// <summary>What a timer function is told about the occurrence it runs for.</summary>
public sealed class TimerInfo
{
    public required TimerScheduleStatus ScheduleStatus { get; init; }

    /// <summary>True when this run is more than a second later than its occurrence (the app was down or busy).</summary>
    public bool IsPastDue { get; init; }
}

/// <summary>Last: the occurrence this run is for; Next: the one after it; LastUpdated: when the status was written.</summary>
public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
