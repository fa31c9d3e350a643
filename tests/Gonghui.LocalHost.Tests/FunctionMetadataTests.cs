using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.LocalHost.Functions;
using Gonghui.LocalHost.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// The test app's build (its functions.metadata, written by Worker.Sdk, the file Azure reads) against what the local
/// host serves from it: every function with its trigger type and entry point, HTTP routes under the host.json prefix
/// with their methods and authorization levels, queue names and connections, schedules, orchestrators and activities.
/// The expectations are read from the metadata file, never listed here.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class FunctionMetadataTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private static readonly List<JsonElement> Functions = [.. TestApp.Metadata().EnumerateArray()];

    [Fact]
    public async Task The_host_serves_every_function_of_the_metadata_with_its_bindings()
    {
        await using var web = LocalFunctionHost.Build(["--urls", "http://127.0.0.1:0"], TestApp.Folder);
        var catalog = web.Services.GetRequiredService<FunctionCatalog>();
        var endpoints = ((IEndpointRouteBuilder)web).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName);

        Assert.Equal(Functions.Select(Name).Order(), catalog.All.Select(f => f.Name).Order());
        foreach (var function in Functions)
        {
            var name = Name(function);
            var served = catalog.Find(name)!;
            var trigger = Trigger(function);
            Assert.Equal(function.GetProperty("entryPoint").GetString(), served.EntryPoint);
            Assert.Equal(trigger.GetProperty("type").GetString(), served.Trigger.Type);
            Assert.Equal(trigger.GetProperty("name").GetString(), served.Trigger.ParameterName);
            switch (served.Trigger)
            {
                case HttpTrigger http:
                    var endpoint = endpoints[name];
                    var route = trigger.TryGetProperty("route", out var r) ? r.GetString()! : name;
                    Assert.Equal("/api/" + route, endpoint.RoutePattern.RawText);
                    var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).Order().ToList() : null;
                    Assert.Equal(methods, endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Order().ToList());
                    Assert.Equal(trigger.GetProperty("authLevel").GetString(), http.Level.ToString());
                    break;
                case QueueTrigger queue:
                    Assert.Equal(trigger.GetProperty("queueName").GetString(), queue.QueueName);
                    Assert.Equal(trigger.TryGetProperty("connection", out var c) ? c.GetString() : "AzureWebJobsStorage", queue.Connection);
                    break;
                case TimerTrigger timer:
                    Assert.Equal(trigger.GetProperty("schedule").GetString(), timer.Schedule);
                    Assert.Equal(trigger.TryGetProperty("runOnStartup", out var s) && s.GetBoolean(), timer.RunOnStartup);
                    break;
                case OrchestrationTrigger or ActivityTrigger:
                    break;
                default:
                    Assert.Fail($"{name}: unexpected trigger {served.Trigger}");
                    break;
            }
            var durableClients = function.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "durableClient").Select(b => b.GetProperty("name").GetString()!);
            Assert.Equal(durableClients.Order(), served.DurableClientParameters.Order());
        }
        // Every HTTP endpoint the host maps for the app is a function of the metadata.
        Assert.Equal(Functions.Where(f => Type(f) == "httpTrigger").Select(Name).Order(), endpoints.Keys.Where(k => catalog.Find(k) is not null).Order());
        // The app's kinds of functions all appear, so the comparison above covers each.
        Assert.Subset(Functions.Select(Type).ToHashSet(), new HashSet<string> { "httpTrigger", "queueTrigger", "timerTrigger", "orchestrationTrigger", "activityTrigger" });
    }

    [Fact]
    public async Task The_admin_listing_of_a_running_host_names_each_function_its_trigger_and_resolved_settings()
    {
        using var master = fixture.Process.CreateClient(fixture.App.MasterKey);
        var listing = (await master.GetFromJsonAsync<JsonElement>("admin/functions")).EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(Functions.Select(Name).Order(), listing.Keys.Order());
        foreach (var function in Functions)
        {
            var entry = listing[Name(function)];
            var trigger = Trigger(function);
            Assert.Equal(Type(function), entry.GetProperty("trigger").GetString());
            Assert.False(entry.GetProperty("disabled").GetBoolean());
            var detail = entry.GetProperty("detail").GetString();
            switch (Type(function))
            {
                case "httpTrigger":
                    var route = trigger.TryGetProperty("route", out var r) ? r.GetString()! : Name(function);
                    var methods = trigger.TryGetProperty("methods", out var m) ? string.Join(",", m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant())) : "ANY";
                    Assert.Equal($"{methods} /api/{route} ({trigger.GetProperty("authLevel").GetString()!.ToLowerInvariant()})", detail);
                    break;
                case "queueTrigger":
                    Assert.Equal("queue " + Resolved(trigger.GetProperty("queueName").GetString()!), detail);
                    break;
                case "timerTrigger":
                    Assert.StartsWith("schedule " + Resolved(trigger.GetProperty("schedule").GetString()!), detail);
                    break;
            }
        }
    }

    private string Resolved(string value) =>
        value.StartsWith('%') && value.EndsWith('%') ? fixture.App.Settings[value.Trim('%')]! : value;

    private static string Name(JsonElement function) => function.GetProperty("name").GetString()!;

    private static string Type(JsonElement function) => Trigger(function).GetProperty("type").GetString()!;

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger"));
}
