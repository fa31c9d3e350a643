using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Gonghui.LocalHost.TestApp;

/// <summary>
/// Orchestrations for the tests and the durable benchmark: the Durable Task samples' hello sequence (five activity
/// calls in a row), a fan-out/fan-in of a given width, and a wait for an external event; started over HTTP.
/// </summary>
public static class DurableFunctions
{
    public const string HelloSequence = nameof(HelloSequence);
    public const string FanOutFanIn = nameof(FanOutFanIn);
    public const string AwaitApproval = nameof(AwaitApproval);
    public const string SayHello = nameof(SayHello);
    public const string ApprovalEvent = "Approval";

    public static readonly IReadOnlyList<string> Cities = ["Tokyo", "Seattle", "London", "Beijing", "Paris"];

    [Function(HelloSequence)]
    public static async Task<List<string>> RunHelloSequence([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var results = new List<string>();
        foreach (var city in Cities)
            results.Add(await context.CallActivityAsync<string>(SayHello, city));
        return results;
    }

    /// <summary>Input: the number of parallel activity calls; output: how many answered.</summary>
    [Function(FanOutFanIn)]
    public static async Task<int> RunFanOutFanIn([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var width = context.GetInput<int>();
        var results = await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<string>(SayHello, i.ToString())));
        return results.Length;
    }

    /// <summary>Completes with the data of the first "Approval" event.</summary>
    [Function(AwaitApproval)]
    public static Task<string> RunAwaitApproval([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.WaitForExternalEvent<string>(ApprovalEvent);

    [Function(SayHello)]
    public static string RunSayHello([ActivityTrigger] string name) => $"Hello {name}!";

    /// <summary>
    /// Starts the orchestrator named in the route with the JSON body (if any) as input, under the instanceId query
    /// parameter if given; answers 202 with the instance id.
    /// </summary>
    [Function(nameof(StartOrchestration))]
    public static async Task<IResult> StartOrchestration(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orchestrations/{name}")] HttpRequest req, string name,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        JsonElement? input = req.ContentLength is > 0 ? await JsonSerializer.DeserializeAsync<JsonElement>(req.Body, cancellationToken: cancellationToken) : null;
        var options = req.Query["instanceId"].ToString() is { Length: > 0 } instanceId ? new StartOrchestrationOptions(instanceId) : null;
        var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, options, cancellationToken);
        return Results.Json(new { id }, statusCode: StatusCodes.Status202Accepted);
    }
}
