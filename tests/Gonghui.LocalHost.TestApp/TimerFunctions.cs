using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Triggers;

namespace Gonghui.Hosting.TestApp;

public sealed class TimerFunctions(TestRecords records)
{
    [Function("Tick")]
    public Task Tick([TimerTrigger("%TickSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        records.AddAsync("tick", new Dictionary<string, object?>
        {
            ["Occurrence"] = timer.ScheduleStatus.Last,
            ["IsPastDue"] = timer.IsPastDue,
        }, cancellationToken);

    [Function("Startup")]
    public Task Startup([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        records.AddAsync("startup", new Dictionary<string, object?> { ["IsPastDue"] = timer.IsPastDue }, cancellationToken);
}
