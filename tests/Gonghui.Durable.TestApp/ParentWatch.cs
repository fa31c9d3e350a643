using System.Diagnostics;

namespace Gonghui.Durable.TestApp;

/// <summary>Ends this process when the test process that started it is gone, so no app outlives its test.</summary>
internal static class ParentWatch
{
    public static void Start(string? parentPid)
    {
        if (!int.TryParse(parentPid, out var pid))
            return;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                await Task.Delay(1000);
                try
                {
                    using var parent = Process.GetProcessById(pid);
                    if (parent.HasExited)
                        Environment.Exit(3);
                }
                catch (ArgumentException)
                {
                    Environment.Exit(3);
                }
            }
        });
    }
}
