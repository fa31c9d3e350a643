namespace Gonghui.LocalHost.Timers;

/// <summary>Last: the occurrence a run is for; Next: the one after it; LastUpdated: when the status was written.</summary>
public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
