using System.Diagnostics;
using System.Text;

namespace Gonghui.Testing;

/// <summary>
/// A built isolated-worker function app (its DLL's folder) run by the local host (runtime/LocalHost) as a real, separate
/// process on a free loopback port with the given settings (as environment variables: "A:B" becomes "A__B") and a
/// master key of its own (<see cref="MasterKey"/>), ready once the host's <c>GET /admin/host/status</c> answers. Its
/// output is captured; dispose kills it. It also stops by itself if the test process dies (GONGHUI_PARENT_PID).
/// </summary>
public sealed class FunctionAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private FunctionAppProcess(Process process, int port, string masterKey)
    {
        _process = process;
        Port = port;
        MasterKey = masterKey;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    /// <summary>The local host's master key (setting LocalHost:MasterKey) for its admin and durable management API.</summary>
    public string MasterKey { get; }
    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>The DLL a project of this checkout built, in the same configuration as the running tests.</summary>
    public static string BuiltDll(string projectFolder, string assemblyName)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Path, projectFolder, "bin", configuration, framework.Name, assemblyName + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{dll} is missing: build {projectFolder} ({configuration}) first, e.g. by referencing it from the test project.");
    }

    public static async Task<FunctionAppProcess> StartAsync(string dllPath, IReadOnlyDictionary<string, string?> settings,
        TimeSpan? startTimeout = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var app = Start(dllPath, settings, FreePort.Next());
            try
            {
                await app.WaitUntilHealthyAsync(startTimeout ?? TimeSpan.FromSeconds(60));
                return app;
            }
            catch (InvalidOperationException) when (attempt < 3 && app.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The local host that runs the apps, built with this checkout.</summary>
    public static string LocalHostDll => BuiltDll("runtime/LocalHost", "Gonghui.LocalHost");

    /// <summary>Runs the app's DLL once as a command (e.g. <c>keys create ...</c>) with the settings, and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string dllPath, IReadOnlyDictionary<string, string?> settings,
        IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = StartInfo(dllPath, settings);
        info.ArgumentList.Add(dllPath);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Runs the local host on the app expecting it to stop at start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToFailureAsync(string dllPath, IReadOnlyDictionary<string, string?> settings)
    {
        await using var app = Start(dllPath, settings, FreePort.Next());
        await app._process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        // The exit event can come before the last lines of output have been read.
        app._process.WaitForExit();
        return (app._process.ExitCode, app.Output);
    }

    /// <summary>Asks the app to stop as a platform would (SIGTERM) and waits for it to exit; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public HttpClient CreateClient(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    /// <summary>Waits until the app printed a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => Task.FromResult(Output.Contains(text, StringComparison.Ordinal)), $"the app to print '{text}'",
            timeout ?? TimeSpan.FromSeconds(20), () => Task.FromResult(Output));
    }

    private static ProcessStartInfo StartInfo(string dllPath, IReadOnlyDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
        };
        foreach (var (name, value) in settings)
            info.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        info.Environment["GONGHUI_PARENT_PID"] = Environment.ProcessId.ToString();
        info.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        return info;
    }

    private static FunctionAppProcess Start(string dllPath, IReadOnlyDictionary<string, string?> settings, int port)
    {
        var info = StartInfo(dllPath, settings);
        info.ArgumentList.Add(LocalHostDll);
        info.ArgumentList.Add("--app");
        info.ArgumentList.Add(Path.GetDirectoryName(dllPath)!);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        if (!info.Environment.TryGetValue("LocalHost__MasterKey", out var masterKey) || string.IsNullOrEmpty(masterKey))
            info.Environment["LocalHost__MasterKey"] = masterKey = Guid.NewGuid().ToString("N");

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new FunctionAppProcess(process, port, masterKey);
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (app._output)
                app._output.AppendLine(line);
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The function app exited early (code {_process.ExitCode}):\n{Output}");
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
                throw new TimeoutException($"The function app did not answer /admin/host/status within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => ChildProcess.KillAndDisposeAsync(_process);
}
