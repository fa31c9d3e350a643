using Gonghui.Hosting.Functions;

namespace Gonghui.Durable.TestApp;

/// <summary>
/// The crash-test orchestration: a charge, a timer longer than the maximum queue visibility (so it is re-armed),
/// an external event (or its absence after a timeout), a second charge, and a fan-out.
/// </summary>
public static class CrashFlow
{
    [Function(nameof(CrashFlow))]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<string>("Charge", 10);
        // Several times the 1 s maximum visibility, so a busy CI machine whose poller runs late still re-arms it.
        await context.CreateTimer(TimeSpan.FromSeconds(5), CancellationToken.None);
        string signal;
        try
        {
            signal = await context.WaitForExternalEvent<string>("go", TimeSpan.FromSeconds(3));
        }
        catch (TaskCanceledException)
        {
            signal = "no event";
        }
        await context.CallActivityAsync<string>("Charge", 5);
        var parts = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => context.CallActivityAsync<int>(nameof(Twice), i)));
        return $"{signal}|{parts.Sum()}";
    }

    [Function(nameof(FanOut))]
    public static async Task<int> FanOut([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var width = context.GetInput<int>();
        var parts = await Task.WhenAll(Enumerable.Range(1, width).Select(i => context.CallActivityAsync<int>(nameof(Twice), i)));
        return parts.Sum();
    }

    [Function(nameof(Twice))]
    public static int Twice([ActivityTrigger] int value) => value * 2;
}
