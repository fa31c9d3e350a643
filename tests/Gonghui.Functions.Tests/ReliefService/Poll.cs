namespace Gonghui.Functions.Tests.ReliefService;

/// <summary>
/// The "wait until" loop of the relief app tests for conditions that have no waiter of their own (an orchestration's
/// runtime status, a budget figure, a held SMTP connection): reads until the value satisfies the condition, or fails
/// naming the last value read.
/// </summary>
public static class Poll
{
    /// <param name="explain">What else to say when it times out.</param>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what, Func<Task<string>>? explain = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what}: still {value} after {timeout}.{(explain is null ? "" : "\n" + await explain())}");
            await Task.Delay(100);
        }
    }
}
