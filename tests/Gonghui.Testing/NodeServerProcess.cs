using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Gonghui.Testing;

/// <summary>
/// A Node.js dev server (Azurite, maildev) run from the checkout's node_modules, with a watchdog that ends it
/// if this process dies. Start waits until every expected output line has been printed.
/// </summary>
public sealed class NodeServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeServerProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <param name="preloads">Scripts beside this assembly to load before the server (besides the watchdog).</param>
    public static async Task<(NodeServerProcess Server, Match[] Matches)> StartAsync(
        string scriptRelativeToRoot, IEnumerable<string> arguments, Regex[] readyLines, TimeSpan timeout, IEnumerable<string>? preloads = null)
    {
        var root = RepositoryRoot.Path;
        var script = Path.Combine(root, scriptRelativeToRoot);
        if (!File.Exists(script))
            throw new InvalidOperationException($"{script} is missing: run `npm ci` at {root} (./test.sh does).");

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var preload in (preloads ?? []).Prepend("watchdog.cjs"))
        {
            info.ArgumentList.Add("--require");
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, preload));
        }
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["GONGHUI_PARENT_PID"] = Environment.ProcessId.ToString();

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new NodeServerProcess(process);
        var matches = new Match?[readyLines.Length];
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (server._output)
            {
                server._output.AppendLine(line);
                for (var i = 0; i < readyLines.Length; i++)
                {
                    if (matches[i] is null && readyLines[i].Match(line) is { Success: true } match)
                        matches[i] = match;
                }
                if (matches.All(m => m is not null))
                    ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => ready.TrySetException(
            new InvalidOperationException($"{Path.GetFileName(script)} exited early:\n{server.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"{Path.GetFileName(script)} did not get ready within {timeout}:\n{server.Output}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return (server, matches.Select(m => m!).ToArray());
    }

    public ValueTask DisposeAsync() => ChildProcess.KillAndDisposeAsync(_process);
}
