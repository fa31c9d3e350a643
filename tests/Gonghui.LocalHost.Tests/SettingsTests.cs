using Gonghui.LocalHost.Configuration;
using Gonghui.LocalHost.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.LocalHost.Tests;

/// <summary>host.json and local.settings.json are read as Azure Functions Core Tools reads them.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class SettingsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("gonghui-settings-");
    private readonly string _fromFile = "GONGHUI_TEST_FROM_FILE_" + Guid.NewGuid().ToString("N");
    private readonly string _alreadySet = "GONGHUI_TEST_ALREADY_SET_" + Guid.NewGuid().ToString("N");

    public SettingsTests()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "host.json"),
            """{ "version": "2.0", "extensions": { "http": { "routePrefix": "v1" }, "queues": { "batchSize": 4, "maxPollingInterval": "00:00:03" } } }""");
        File.WriteAllText(Path.Combine(_root.FullName, "local.settings.json"),
            $$"""
            {
              // Core Tools allows comments and trailing commas.
              "IsEncrypted": false,
              "Values": { "{{_fromFile}}": "file", "{{_alreadySet}}": "file", "{{_fromFile}}_NUMBER": 42, },
            }
            """);
    }

    [Fact]
    public void Host_json_goes_under_AzureFunctionsJobHost()
    {
        var settings = FunctionAppSettings.ReadHostJson(_root.FullName);
        Assert.Equal("v1", settings["AzureFunctionsJobHost:extensions:http:routePrefix"]);
        Assert.Equal("4", settings["AzureFunctionsJobHost:extensions:queues:batchSize"]);
        Assert.Equal("2.0", settings["AzureFunctionsJobHost:version"]);
    }

    [Fact]
    public void Local_settings_values_become_environment_variables_without_overriding_the_environment()
    {
        Environment.SetEnvironmentVariable(_alreadySet, "environment");
        try
        {
            var read = FunctionAppSettings.ApplyLocalSettings(_root.FullName, Directory.GetCurrentDirectory());
            Assert.Equal(Path.Combine(_root.FullName, "local.settings.json"), read);
            Assert.Equal("file", Environment.GetEnvironmentVariable(_fromFile));
            Assert.Equal("42", Environment.GetEnvironmentVariable(_fromFile + "_NUMBER"));
            Assert.Equal("environment", Environment.GetEnvironmentVariable(_alreadySet));
        }
        finally
        {
            foreach (var name in new[] { _fromFile, _fromFile + "_NUMBER", _alreadySet })
                Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task The_test_app_host_json_sets_the_queue_options_and_arguments_override_it()
    {
        await using var web = LocalFunctionHost.Build(
            ["--urls", "http://127.0.0.1:0", "--AzureFunctionsJobHost:extensions:queues:batchSize", "7"], TestApp.Folder);
        var queues = web.Services.GetRequiredService<QueuesOptions>();
        Assert.Equal(7, queues.BatchSize);
        Assert.Equal(8, queues.NewBatchThreshold);
        Assert.Equal(TimeSpan.FromSeconds(1), queues.MaxPollingInterval);
        Assert.Equal(3, queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromMinutes(10), queues.LeaseTime);
    }

    [Fact]
    public void A_setting_expression_takes_the_setting_and_a_missing_one_names_function_and_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OrdersQueue"] = "orders" }).Build();
        Assert.Equal("orders", SettingExpression.Resolve(configuration, "%OrdersQueue%", "F"));
        Assert.Equal("literal", SettingExpression.Resolve(configuration, "literal", "F"));
        var error = Assert.Throws<InvalidOperationException>(() => (object)SettingExpression.Resolve(configuration, "%Missing%", "Record"));
        Assert.Contains("'Record'", error.Message);
        Assert.Contains("'Missing'", error.Message);
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
