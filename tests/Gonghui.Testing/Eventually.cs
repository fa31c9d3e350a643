namespace Gonghui.Testing;

/// <summary>
/// The one way tests wait for something another process does (an e-mail, an orchestration's status, a row): read
/// until the value satisfies the condition, or fail saying what was awaited and the last value read.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <param name="what">What is awaited, in words, for the failure message.</param>
    /// <param name="explain">What else to say when it times out (for example the app's output).</param>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null,
        Func<Task<string>>? explain = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what}; last read: {Describe(value)}"
                    + (explain is null ? "" : "\n" + await explain()));
            await Task.Delay(Interval);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string text => text,
        System.Collections.ICollection items => $"{items.Count} items",
        _ => value.ToString() ?? "",
    };

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<Task<string>>? explain = null) =>
        ReadAsync(condition, holds => holds, what, timeout, explain);

    /// <summary>Waits until <paramref name="assertions"/> stop failing; after the timeout their last failure is thrown.</summary>
    public static async Task AssertAsync(Func<Task> assertions, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try
            {
                await assertions();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Interval);
            }
        }
    }
}
