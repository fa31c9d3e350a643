using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Gonghui.LocalHost;

/// <summary>
/// When the setting <see cref="Setting"/> names a process (a test run that started this app), the app stops itself
/// once that process is gone, so a crashed test run leaves no app behind.
/// </summary>
internal sealed class ParentProcessWatch(int parentProcessId, IHostApplicationLifetime lifetime) : BackgroundService
{
    public const string Setting = "GONGHUI_PARENT_PID";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!IsAlive(parentProcessId))
            {
                lifetime.StopApplication();
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
