using Microsoft.Azure.Functions.Worker;

namespace Gonghui.LocalHost.TestApp;

/// <summary>
/// Queue functions: a no-op for the benchmark, and one that records the start and the end of each attempt and
/// behaves as its message says.
/// </summary>
public sealed class QueueFunctions(TestRecords records, TimeProvider time)
{
    [Function(nameof(NoOp))]
    public static void NoOp([QueueTrigger("%NoOpQueue%")] string message)
    {
    }

    [Function(nameof(Record))]
    public async Task Record([QueueTrigger("%RecordQueue%", Connection = "AzureWebJobsStorage")] RecordMessage message, string id,
        long dequeueCount, DateTimeOffset insertionTime, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        await records.AddAsync(message.Run, new Dictionary<string, object?>
        {
            ["Phase"] = "start",
            ["MessageId"] = id,
            ["DequeueCount"] = dequeueCount,
        }, cancellationToken);
        if (message.DurationMs > 0)
            await Task.Delay(message.DurationMs, cancellationToken);
        await records.AddAsync(message.Run, new Dictionary<string, object?>
        {
            ["Phase"] = "end",
            ["MessageId"] = id,
            ["DequeueCount"] = dequeueCount,
            ["InsertionTime"] = insertionTime,
            ["Started"] = started,
            ["Ended"] = time.GetUtcNow(),
        }, cancellationToken);
        if (dequeueCount <= message.FailTimes)
            throw new InvalidOperationException($"Failing as asked (dequeue count {dequeueCount} of {message.FailTimes}).");
    }
}

/// <summary>Run: the partition the test reads; FailTimes: fail while the dequeue count is at most this; DurationMs: work this long.</summary>
public sealed record RecordMessage(string Run, int FailTimes = 0, int DurationMs = 0);
