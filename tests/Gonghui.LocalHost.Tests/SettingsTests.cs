using Gonghui.Hosting.Configuration;
using Gonghui.Hosting.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Hosting.Tests;

/// <summary>host.json and local.settings.json are found and read as Azure Functions reads them.</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("gonghui-settings-");

    public SettingsTests()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "host.json"),
            """{ "version": "2.0", "extensions": { "http": { "routePrefix": "v1" }, "queues": { "batchSize": 4, "maxPollingInterval": "00:00:03" } } }""");
        File.WriteAllText(Path.Combine(_root.FullName, "local.settings.json"),
            """{ "IsEncrypted": false, "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "Gonghui__DevKeys__admin": "k", "Overridden": "file" } }""");
    }

    [Fact]
    public void The_script_root_is_the_nearest_folder_with_host_json()
    {
        var nested = _root.CreateSubdirectory("bin").CreateSubdirectory("Debug");
        Assert.Equal(_root.FullName, FunctionAppSettings.FindScriptRoot(nested.FullName));
    }

    [Fact]
    public void Host_json_goes_under_AzureFunctionsJobHost_and_values_to_the_root_with_double_underscores_as_sections()
    {
        var settings = FunctionAppSettings.Load(_root.FullName);
        Assert.Equal("v1", settings["AzureFunctionsJobHost:extensions:http:routePrefix"]);
        Assert.Equal("UseDevelopmentStorage=true", settings["AzureWebJobsStorage"]);
        Assert.Equal("k", settings["Gonghui:DevKeys:admin"]);
    }

    [Fact]
    public void Arguments_override_the_files_and_options_bind_from_host_json()
    {
        var builder = FunctionsApplication.CreateBuilder(["--Overridden=argument"], _root.FullName);
        Assert.Equal("argument", builder.Configuration["Overridden"]);
        Assert.Equal("UseDevelopmentStorage=true", builder.Configuration["AzureWebJobsStorage"]);
        using var services = builder.Services.BuildServiceProvider();
        var queues = services.GetRequiredService<QueuesOptions>();
        Assert.Equal(4, queues.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(3), queues.MaxPollingInterval);
        Assert.Equal(5, queues.MaxDequeueCount);
    }

    [Fact]
    public void The_idle_back_off_grows_randomly_and_exponentially_to_the_maximum_and_resets()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(2));
        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextIdleDelay()).ToList();
        Assert.Equal(TimeSpan.FromMilliseconds(200), delays[0]);
        Assert.InRange(delays[1].TotalMilliseconds, 320, 480);
        Assert.Equal(TimeSpan.FromSeconds(2), delays[^1]);
        Assert.All(delays, d => Assert.InRange(d, QueuesOptions.MinPollingInterval, TimeSpan.FromSeconds(2)));
        backoff.Reset();
        Assert.Equal(TimeSpan.FromMilliseconds(200), backoff.NextIdleDelay());
    }

    public void Dispose() => _root.Delete(recursive: true);
}
