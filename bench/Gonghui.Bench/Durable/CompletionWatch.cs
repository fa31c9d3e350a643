using System.Diagnostics;
using Microsoft.DurableTask.Client;

namespace Gonghui.Bench.Durable;

/// <summary>
/// When each of many instances finished, seen by listing the ones still pending or running every 50 ms (one query for
/// all of them, instead of one status read per instance, which at hundreds of waiters would be the load measured).
/// </summary>
internal static class CompletionWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>The <see cref="Stopwatch"/> timestamp at which each instance was first seen finished.</summary>
    public static async Task<Dictionary<string, long>> WaitAllAsync(DurableTaskClient client, string instanceIdPrefix, IReadOnlyCollection<string> instanceIds,
        CancellationToken cancellationToken)
    {
        var finished = new Dictionary<string, long>();
        while (finished.Count < instanceIds.Count)
        {
            var open = new HashSet<string>();
            await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery
            {
                InstanceIdPrefix = instanceIdPrefix,
                Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running],
                PageSize = 1000,
            }).WithCancellation(cancellationToken))
                open.Add(instance.InstanceId);
            var now = Stopwatch.GetTimestamp();
            foreach (var id in instanceIds.Where(id => !open.Contains(id) && !finished.ContainsKey(id)))
                finished[id] = now;
            if (finished.Count < instanceIds.Count)
                await Task.Delay(Interval, cancellationToken);
        }
        return finished;
    }
}
