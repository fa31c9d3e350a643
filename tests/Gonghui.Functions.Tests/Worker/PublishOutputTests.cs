using System.Diagnostics;
using System.Text.Json;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Worker;

/// <summary>
/// `dotnet publish` of functions/ gives a folder that deploys as is: the worker's functions.metadata, worker.config.json,
/// the host extensions the bindings need, host.json; no local settings and no secrets. Published to a folder of its own
/// in the Release configuration, so it does not touch the Debug build the other tests run.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class PublishOutputTests : IDisposable
{
    private static readonly string[] BinaryExtensions = [".dll", ".pdb", ".exe", ".so", ".dylib"];
    private readonly string _output = Path.Combine(Path.GetTempPath(), "gonghui-publish-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output))
            Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public async Task The_published_folder_is_a_complete_functions_app_without_secrets()
    {
        await PublishAsync();

        using (var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "functions.metadata"))))
        {
            var functions = metadata.RootElement.EnumerateArray().ToList();
            Assert.Equal(AppFunctions.All.Count, functions.Count);
            Assert.All(functions, f => Assert.Equal("Gonghui.Functions.dll", f.GetProperty("scriptFile").GetString()));
            var triggers = functions.Select(f => f.GetProperty("bindings")[0].GetProperty("type").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { "httpTrigger", "queueTrigger", "timerTrigger", "orchestrationTrigger", "activityTrigger" }, triggers);
        }

        using (var workerConfig = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "worker.config.json"))))
            Assert.Equal("Gonghui.Functions.dll", workerConfig.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());

        using (var extensions = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "extensions.json"))))
        {
            var names = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
            Assert.Contains("AzureStorageQueues", names);
            Assert.Contains("DurableTask", names);
            // Timer triggers are built into the Functions host (Microsoft.Azure.WebJobs.Extensions ships with it): the
            // build lists no startup for them; the timer function is in functions.metadata all the same.
            Assert.DoesNotContain(names, n => n?.Contains("Timer", StringComparison.OrdinalIgnoreCase) == true);
        }

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "host.json")),
            await File.ReadAllTextAsync(Path.Combine(_output, "host.json")));
        Assert.Empty(Directory.GetFiles(_output, "local.settings*.json", SearchOption.AllDirectories));

        var secrets = DevelopmentSecrets();
        Assert.NotEmpty(secrets);
        var leaks = new List<string>();
        foreach (var file in Directory.EnumerateFiles(_output, "*", SearchOption.AllDirectories)
                     .Where(f => !BinaryExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)
                                 && Path.GetFileName(f) != "Gonghui.Functions"))
        {
            var text = await File.ReadAllTextAsync(file);
            if (text.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) || text.Contains("password", StringComparison.OrdinalIgnoreCase))
                leaks.Add(Path.GetRelativePath(_output, file) + ": a storage key or password");
            leaks.AddRange(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(_ => Path.GetRelativePath(_output, file) + ": a development secret"));
        }
        Assert.Empty(leaks);
    }

    private async Task PublishAsync()
    {
        var project = Path.Combine(RepositoryRoot.Path, "functions", "Gonghui.Functions.csproj");
        using var process = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", _output, "-v", "q", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{await output}\n{await errors}");
    }

    /// <summary>The secret values of the sample settings and the local ones (keys, hash keys, link-signing keys).</summary>
    private static List<string> DevelopmentSecrets()
    {
        var secrets = new List<string>();
        foreach (var name in new[] { "local.settings.sample.json", "local.settings.json" })
        {
            var path = Path.Combine(RepositoryRoot.Path, name);
            if (!File.Exists(path))
                continue;
            using var settings = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var setting in settings.RootElement.GetProperty("Values").EnumerateObject()
                         .Where(s => s.Value.ValueKind == JsonValueKind.String
                                     && (s.Name.Contains("Key", StringComparison.Ordinal) || s.Name.Contains("Password", StringComparison.Ordinal)
                                         || s.Name.Contains("Secret", StringComparison.Ordinal))))
                secrets.AddRange(setting.Value.GetString()!.Split([';', ':'], StringSplitOptions.RemoveEmptyEntries).Where(part => part.Length >= 16));
        }
        return secrets;
    }
}
