using Gonghui.LocalHost.Configuration;
using Gonghui.LocalHost.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Timers;

/// <summary>
/// Starts a <see cref="TimerListener"/> per enabled [TimerTrigger] function. Schedules are parsed at start, so a bad
/// one stops the app at once. Status rows are keyed by the host id (setting <see cref="HostIdSetting"/>, as Azure's).
/// </summary>
internal sealed class TimerListenerHost(
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    TimerScheduleStore store,
    TimeProvider time,
    IConfiguration configuration,
    ILoggerFactory loggers) : ListenerHost
{
    public const string HostIdSetting = "AzureFunctionsWebHost:hostid";
    public const string DefaultHostId = "gonghui";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var timeZone = TimerTimeZone.From(configuration);
        var hostId = configuration[HostIdSetting] is { Length: > 0 } id ? id : DefaultHostId;
        var listeners = new List<TimerListener>();
        foreach (var function in catalog.WithTrigger<TimerTrigger>())
        {
            if (SettingExpression.IsFunctionDisabled(configuration, function.Name))
                continue;
            var expression = SettingExpression.Resolve(configuration, function.TriggerAs<TimerTrigger>().Schedule, function.Name);
            listeners.Add(new TimerListener(function, TimerSchedule.Parse(expression, timeZone), hostId, store, invoker, time,
                loggers.CreateLogger("Gonghui.LocalHost.Timers." + function.Name)));
        }
        if (listeners.Count > 0)
            Run(() => RunAllAsync(listeners));
        return Task.CompletedTask;
    }

    private async Task RunAllAsync(List<TimerListener> listeners)
    {
        // Storage may start next to the app (run.sh starts both): retry until it answers.
        while (!StopToken.IsCancellationRequested)
        {
            try
            {
                await store.CreateTableAsync(StopToken);
                break;
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                loggers.CreateLogger<TimerListenerHost>().LogWarning("Cannot create the timer table yet ({Message}); retrying", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), StopToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        await Task.WhenAll(listeners.Select(l => l.RunAsync(StopToken, AbortInvocationsToken)));
    }
}
