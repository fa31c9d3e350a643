using Gonghui.LocalHost.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Timers;

/// <summary>
/// Runs one timer function: waits for the next occurrence (on the app's TimeProvider), claims it in the schedule
/// status row with the row's ETag, and runs the function only if the claim won, so each occurrence runs at most once
/// however many app instances are up. An occurrence found already due (the stored Next passed while no instance was
/// up or all were busy) runs at once, marked past due; several missed occurrences run once. RunOnStartup runs the
/// function once when this instance starts, outside the schedule.
/// </summary>
internal sealed class TimerListener(
    FunctionDescriptor function,
    TimerSchedule schedule,
    string hostId,
    TimerScheduleStore store,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>A run later than this after its occurrence is past due.</summary>
    public static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken stop, CancellationToken abortInvocations)
    {
        if (function.TriggerAs<TimerTrigger>().RunOnStartup)
        {
            var now = time.GetUtcNow();
            await InvokeAsync(new TimerScheduleStatus(now, schedule.NextAfter(now), now), isPastDue: false, abortInvocations);
        }
        DateTimeOffset? awaited = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var stored = await store.GetAsync(hostId, function.Name, stop);
                var now = time.GetUtcNow();
                var occurrence = stored is not null && stored.Schedule == schedule.Expression
                    ? stored.Status.Next
                    : awaited ?? schedule.NextAfter(now);
                if (occurrence > now)
                {
                    awaited = occurrence;
                    await Task.Delay(occurrence - now, time, stop);
                    continue;
                }
                awaited = null;
                var status = new TimerScheduleStatus(occurrence, schedule.NextAfter(now > occurrence ? now : occurrence), now);
                if (!await store.TryClaimAsync(hostId, function.Name, stored, status, schedule.Expression, stop))
                    continue;
                await InvokeAsync(status, now - occurrence > PastDueTolerance, abortInvocations);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A listener must outlive any failure (storage down, a request timing out): log, wait, go on.
                logger.LogWarning(ex, "Timer {Function}: schedule status not reachable; retrying", function.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task InvokeAsync(TimerScheduleStatus status, bool isPastDue, CancellationToken abortInvocations)
    {
        var timer = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus { Last = status.Last.UtcDateTime, Next = status.Next.UtcDateTime, LastUpdated = status.LastUpdated.UtcDateTime },
        };
        try
        {
            await invoker.InvokeAsync(function, timer, new Dictionary<string, object?>(), abortInvocations);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Timer function {Function} failed for the occurrence {Occurrence}", function.Name, status.Last);
        }
    }
}
