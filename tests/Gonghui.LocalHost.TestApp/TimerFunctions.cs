using Microsoft.Azure.Functions.Worker;

namespace Gonghui.LocalHost.TestApp;

public sealed class TimerFunctions(TestRecords records)
{
    [Function(nameof(Tick))]
    public Task Tick([TimerTrigger("%TickSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        records.AddAsync("tick", new Dictionary<string, object?>
        {
            ["Occurrence"] = timer.ScheduleStatus is { } status ? new DateTimeOffset(DateTime.SpecifyKind(status.Last, DateTimeKind.Utc)) : null,
            ["IsPastDue"] = timer.IsPastDue,
        }, cancellationToken);

    [Function(nameof(Startup))]
    public Task Startup([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        records.AddAsync("startup", new Dictionary<string, object?> { ["IsPastDue"] = timer.IsPastDue }, cancellationToken);
}
