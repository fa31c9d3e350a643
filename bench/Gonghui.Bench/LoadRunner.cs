using System.Diagnostics;

namespace Gonghui.Bench;

/// <summary>
/// What one measured run did: how many operations, how long it took, the CPU this process spent, the slowest
/// single operation (a stall shows there first) and how many operations failed.
/// </summary>
public readonly record struct LoadResult(int Operations, TimeSpan Elapsed, TimeSpan ProcessorTime, TimeSpan Slowest, int Failures)
{
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    public double ProcessorMicrosecondsPerOperation => ProcessorTime.TotalMicroseconds / Operations;

    public LoadResult Plus(LoadResult other) => new(Operations + other.Operations, Elapsed + other.Elapsed,
        ProcessorTime + other.ProcessorTime, Slowest > other.Slowest ? Slowest : other.Slowest, Failures + other.Failures);
}

/// <summary>
/// Runs a fixed number of operations on a fixed number of concurrent workers, each taking the next index. An operation
/// that throws is counted as failed and reported on stderr; the run goes on.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(int operations, int workers, Func<int, Task> operation,
        CancellationToken cancellationToken)
    {
        var next = -1;
        var slowestTicks = 0L;
        var failures = 0;
        async Task Worker()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(index).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"operation {index} failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                }
                var took = Stopwatch.GetTimestamp() - started;
                long seen;
                while (took > (seen = Interlocked.Read(ref slowestTicks)) && Interlocked.CompareExchange(ref slowestTicks, took, seen) != seen)
                {
                }
            }
        }

        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker, cancellationToken)));
        clock.Stop();
        return new LoadResult(operations, clock.Elapsed, Environment.CpuUsage.TotalTime - cpuBefore,
            Stopwatch.GetElapsedTime(0, slowestTicks), failures);
    }
}
