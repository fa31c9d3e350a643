using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using FunctionAttribute = Gonghui.Hosting.Functions.FunctionAttribute;

namespace Gonghui.Bench.Durable;

/// <summary>The durable benchmark's own functions: the Durable Task samples' HelloSequence, a fan-out and an event wait.</summary>
public static class BenchOrchestrations
{
    public const string HelloSequence5 = "BenchHelloSequence5";
    public const string FanOutFanIn = "BenchFanOutFanIn";
    public const string AwaitApproval = "BenchAwaitApproval";
    public const string SayHello = "BenchSayHello";
    public const string ApprovalEvent = "approval";

    [Function(HelloSequence5)]
    public static async Task<List<string>> RunHelloSequence5([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var results = new List<string>();
        foreach (var city in new[] { "Tokyo", "Seattle", "London", "Beijing", "Paris" })
            results.Add(await context.CallActivityAsync<string>(SayHello, city));
        return results;
    }

    [Function(FanOutFanIn)]
    public static async Task<int> RunFanOutFanIn([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var width = context.GetInput<int>();
        var results = await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<string>(SayHello, i.ToString())));
        return results.Length;
    }

    [Function(AwaitApproval)]
    public static Task<string> RunAwaitApproval([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.WaitForExternalEvent<string>(ApprovalEvent);

    [Function(SayHello)]
    public static string RunSayHello([ActivityTrigger] string name) => $"Hello {name}!";
}
