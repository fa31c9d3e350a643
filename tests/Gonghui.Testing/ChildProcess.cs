using System.Diagnostics;

namespace Gonghui.Testing;

public static class ChildProcess
{
    /// <summary>Kills the process and its children, waits for it to end, and releases it.</summary>
    public static async ValueTask KillAndDisposeAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        process.Dispose();
    }
}
