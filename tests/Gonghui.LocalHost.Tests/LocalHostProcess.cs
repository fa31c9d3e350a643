using System.Diagnostics;
using System.Text;
using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// The local host run as its own process, as <c>./run.sh</c> runs it: <c>dotnet Gonghui.LocalHost.dll --app
/// &lt;build output&gt;</c> on a free loopback port, with the given settings as environment variables ("A:B" becomes
/// "A__B"), ready once <c>GET /admin/host/status</c> answers. Its output is captured; dispose kills it, and it stops by
/// itself if the test process dies (GONGHUI_PARENT_PID).
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalHostProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>runtime/LocalHost's build output, in the configuration of the running tests.</summary>
    public static string HostDll => BuildOutput("runtime/LocalHost", "Gonghui.LocalHost.dll");

    /// <summary>The build output folder of a project of this checkout, in the configuration of the running tests.</summary>
    public static string BuildOutput(string projectFolder, string fileInIt)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var folder = Path.Combine(RepositoryRoot.Path, projectFolder, "bin", framework.Parent!.Name, framework.Name);
        return File.Exists(Path.Combine(folder, fileInIt))
            ? Path.Combine(folder, fileInIt)
            : throw new FileNotFoundException($"{fileInIt} is not in {folder}: build {projectFolder} first (the test project references it).");
    }

    public static async Task<LocalHostProcess> StartAsync(string appFolder, IReadOnlyDictionary<string, string?> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = Start(appFolder, settings, FreePort.Next());
            try
            {
                await host.WaitUntilRunningAsync(TimeSpan.FromSeconds(90));
                return host;
            }
            catch (InvalidOperationException) when (attempt < 3 && host.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await host.DisposeAsync();
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Runs the host on <paramref name="appFolder"/> expecting it to stop at start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToFailureAsync(string appFolder, IReadOnlyDictionary<string, string?> settings)
    {
        await using var host = Start(appFolder, settings, FreePort.Next());
        await host._process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        // The exit event can come before the last lines of output have been read.
        host._process.WaitForExit();
        return (host._process.ExitCode, host.Output);
    }

    public HttpClient CreateClient(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    /// <summary>Waits until the host printed a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The host did not print '{text}':\n{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Asks the host to stop as a platform would (SIGTERM) and waits for it to exit; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    private static LocalHostProcess Start(string appFolder, IReadOnlyDictionary<string, string?> settings, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = appFolder,
        };
        info.ArgumentList.Add(HostDll);
        info.ArgumentList.Add("--app");
        info.ArgumentList.Add(appFolder);
        foreach (var (name, value) in settings)
            info.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        info.Environment["GONGHUI_PARENT_PID"] = Environment.ProcessId.ToString();
        info.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new LocalHostProcess(process, port);
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (host._output)
                host._output.AppendLine(line);
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    private async Task WaitUntilRunningAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The local host exited early (code {_process.ExitCode}):\n{Output}");
            try
            {
                using var response = await client.GetAsync("admin/host/status");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The local host did not answer /admin/host/status within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => ChildProcess.KillAndDisposeAsync(_process);
}
