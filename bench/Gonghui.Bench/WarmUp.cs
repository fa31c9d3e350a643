namespace Gonghui.Bench;

/// <summary>
/// The end of a benchmark's warm-up, which has run the paths it measures: time for the runtime's background
/// compilations of the hot methods (tiered JIT) to finish, so that the measurement sees a warm process, not a cold start.
/// </summary>
internal static class WarmUp
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    public static Task SettleAsync(CancellationToken cancellationToken) => Task.Delay(SettleTime, cancellationToken);
}
