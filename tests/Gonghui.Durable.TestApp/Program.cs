using System.Diagnostics;
using Gonghui.Durable;
using Gonghui.Durable.TestApp;
using Gonghui.Hosting.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A durable app process for crash and scale-out tests. Configuration comes from the environment
// (AzureWebJobsStorage, AzureFunctionsJobHost__extensions__durableTask__hubName). Modes:
//   worker                      run the engine until stopped
//   scenario PREFIX COUNT       start CrashFlow instances PREFIX-0..COUNT-1 (unless they exist), raise "go" to each
//                               with --raise, wait until all complete, exit 0
// CRASH_AT=<point> kills the process (SIGKILL) the first time the engine reaches that point, or inside the Charge
// activity after its effect for CRASH_AT=inside-activity. GONGHUI_PARENT_PID ends the process with its parent.
var builder = Host.CreateApplicationBuilder(args);
var crashAt = Environment.GetEnvironmentVariable("CRASH_AT");
builder.Services.AddSingleton(FunctionCatalog.Discover(typeof(CrashFlow).Assembly));
builder.Services.AddSingleton<Ledger>();
builder.Services.AddDurableTask(builder.Configuration, options =>
{
    options.MaxTimerVisibility = TimeSpan.FromSeconds(1);
    options.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2);
    options.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(2);
    options.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
    options.AddActivity<ChargeActivity>("Charge");
    options.FaultInjection = point =>
    {
        if (point == crashAt)
            Crash.Now(point);
    };
});
using var host = builder.Build();
ParentWatch.Start(Environment.GetEnvironmentVariable("GONGHUI_PARENT_PID"));
await host.Services.GetRequiredService<Ledger>().CreateAsync();
await host.StartAsync();

if (args is ["scenario", var prefix, var countText, ..])
{
    var client = host.Services.GetRequiredService<DurableTaskClient>();
    var ids = Enumerable.Range(0, int.Parse(countText)).Select(i => $"{prefix}-{i}").ToList();
    foreach (var id in ids)
    {
        try
        {
            if (await client.GetInstanceAsync(id) is null)
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(CrashFlow), id, new StartOrchestrationOptions(id));
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // The crashed run sent the start message before it died; the engine created the instance from it.
        }
    }
    if (args.Contains("--raise"))
    {
        foreach (var id in ids)
            await client.RaiseEventAsync(id, "go", "event for " + id);
    }
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    foreach (var id in ids)
        await client.WaitForInstanceCompletionAsync(id, cancellation: timeout.Token);
    Console.WriteLine("scenario complete");
    await host.StopAsync();
    return 0;
}

await host.WaitForShutdownAsync();
return 0;

internal static class Crash
{
    public static void Now(string point)
    {
        Console.WriteLine($"crashing at {point}");
        Console.Out.Flush();
        Process.GetCurrentProcess().Kill();
    }
}
