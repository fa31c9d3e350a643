using System.Diagnostics;
using System.Text;
using Gonghui.Testing;

namespace Gonghui.Durable.Tests;

/// <summary>
/// A Gonghui.Durable.TestApp process on a given task hub: started with `dotnet`, output captured, ended with its
/// test (it watches this process's id) or by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class TestAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private TestAppProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static TestAppProcess Start(AzuriteServer azurite, string hubName, IEnumerable<string> arguments, string? crashAt = null)
    {
        var app = FunctionAppProcess.BuiltDll("tests/Gonghui.Durable.TestApp", "Gonghui.Durable.TestApp");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(app);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        info.Environment["AzureFunctionsJobHost__extensions__durableTask__hubName"] = hubName;
        info.Environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount"] = "4";
        info.Environment["GONGHUI_PARENT_PID"] = Environment.ProcessId.ToString();
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        if (crashAt is not null)
            info.Environment["CRASH_AT"] = crashAt;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var result = new TestAppProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Waits for the process to end and returns its exit code (137 or -1 style codes when killed).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The test app did not exit within {timeout}. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync() => ChildProcess.KillAndDisposeAsync(_process);

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
