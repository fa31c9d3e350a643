using System.Diagnostics;
using System.Text;

namespace Gonghui.Testing;

/// <summary>
/// A built function app (its DLL) run as a real, separate process on a free loopback port with the given settings
/// (as environment variables: "A:B" becomes "A__B"), ready once <c>GET /api/health</c> answers. Its output is
/// captured; dispose kills it. It also stops by itself if the test process dies (GONGHUI_PARENT_PID).
/// </summary>
public sealed class FunctionAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private FunctionAppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }
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
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The app did not print '{text}':\n{Output}");
            await Task.Delay(50);
        }
    }

    private static FunctionAppProcess Start(string dllPath, IReadOnlyDictionary<string, string?> settings, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
        };
        info.ArgumentList.Add(dllPath);
        foreach (var (name, value) in settings)
            info.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["GONGHUI_PARENT_PID"] = Environment.ProcessId.ToString();
        info.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new FunctionAppProcess(process, port);
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
                using var response = await client.GetAsync("api/health");
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
                throw new TimeoutException($"The function app did not answer /api/health within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => ChildProcess.KillAndDisposeAsync(_process);
}
