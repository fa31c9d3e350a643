using System.Collections.Concurrent;
using Gonghui.Hosting.Functions;

namespace Gonghui.Durable.Tests;

/// <summary>Orchestrators and activities the conformance tests run, written as Durable Functions code is.</summary>
public static class TestOrchestrations
{
    public static readonly ConcurrentDictionary<string, int> Attempts = new();
    public static readonly ConcurrentDictionary<string, bool> ReplayFlags = new();
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();
    public static volatile bool FlakyTakesOtherPath;

    [Function(nameof(HelloSequence))]
    public static async Task<List<string>> HelloSequence([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var names = context.GetInput<string[]>() ?? ["Tokyo", "Seattle", "London"];
        var results = new List<string>();
        foreach (var name in names)
            results.Add(await context.CallActivityAsync<string>(nameof(SayHello), name));
        return results;
    }

    [Function(nameof(SayHello))]
    public static string SayHello([ActivityTrigger] string name) => $"Hello {name}!";

    [Function(nameof(FanOutFanIn))]
    public static async Task<int> FanOutFanIn([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var count = context.GetInput<int>();
        var tasks = Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>(nameof(Square), i)).ToList();
        return (await Task.WhenAll(tasks)).Sum();
    }

    [Function(nameof(Square))]
    public static int Square([ActivityTrigger] int value) => value * value;

    [Function(nameof(WaitForApproval))]
    public static async Task<string> WaitForApproval([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        context.SetCustomStatus(new { stage = "waiting" });
        var decision = await context.WaitForExternalEvent<string>("approval");
        context.SetCustomStatus(new { stage = "decided" });
        return decision;
    }

    [Function(nameof(EventsInOrder))]
    public static async Task<string> EventsInOrder([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<string>(nameof(SayHello), "first");
        var a = await context.WaitForExternalEvent<string>("item");
        var b = await context.WaitForExternalEvent<string>("ITEM");
        var c = await context.WaitForExternalEvent<string>("item");
        return a + b + c;
    }

    [Function(nameof(EventDuringActivity))]
    public static async Task<string> EventDuringActivity([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var gate = await context.CallActivityAsync<string>(nameof(WaitAtGate), context.InstanceId);
        var data = await context.WaitForExternalEvent<string>("during");
        return gate + "+" + data;
    }

    [Function(nameof(WaitAtGate))]
    public static async Task<string> WaitAtGate([ActivityTrigger] string key)
    {
        var gate = Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await gate.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return "gate";
    }

    [Function(nameof(EventOrTimeout))]
    public static async Task<string> EventOrTimeout([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var seconds = context.GetInput<double>();
        try
        {
            return await context.WaitForExternalEvent<string>("answer", TimeSpan.FromSeconds(seconds));
        }
        catch (TaskCanceledException)
        {
            return "timeout";
        }
    }

    [Function(nameof(TimerRace))]
    public static async Task<string> TimerRace([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(TimeSpan.FromSeconds(context.GetInput<double>()), cancel.Token);
        var signal = context.WaitForExternalEvent<string>("signal");
        var winner = await Task.WhenAny(timer, signal);
        if (winner == signal)
        {
            cancel.Cancel();
            return "event:" + signal.Result;
        }
        return "timer";
    }

    [Function(nameof(ParentOfFailing))]
    public static async Task<string> ParentOfFailing([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            await context.CallSubOrchestratorAsync<string>(nameof(Failing), "boom",
                new SubOrchestrationOptions(InstanceId: context.InstanceId + "-child"));
            return "no failure";
        }
        catch (TaskFailedException ex)
        {
            return $"{ex.TaskName}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}";
        }
    }

    [Function(nameof(Failing))]
    public static async Task<string> Failing([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<string>(nameof(SayHello), "before failing");
        throw new InvalidOperationException(context.GetInput<string>());
    }

    [Function(nameof(ParentOfChild))]
    public static async Task<string> ParentOfChild([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var result = await context.CallSubOrchestratorAsync<string>(nameof(ChildInfo), "from parent",
            new SubOrchestrationOptions(InstanceId: context.InstanceId + "-info"));
        return result;
    }

    [Function(nameof(ChildInfo))]
    public static Task<string> ChildInfo([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Task.FromResult($"{context.Name.Name}|{context.InstanceId}|{context.Parent?.InstanceId}|{context.Parent?.Name.Name}|{context.GetInput<string>()}");

    [Function(nameof(RetryUntilExhausted))]
    public static async Task<string> RetryUntilExhausted([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var policy = new RetryPolicy(3, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2);
        try
        {
            await context.CallActivityAsync<string>(nameof(AlwaysFails), context.InstanceId, TaskOptions.FromRetryPolicy(policy));
            return "succeeded";
        }
        catch (TaskFailedException ex)
        {
            return ex.FailureDetails.ErrorType + ":" + ex.FailureDetails.ErrorMessage;
        }
    }

    [Function(nameof(RetryNotHandled))]
    public static async Task<string> RetryNotHandled([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(100)) { HandleFailure = f => !f.IsCausedBy<InvalidOperationException>() };
        try
        {
            await context.CallActivityAsync<string>(nameof(AlwaysFails), context.InstanceId, new TaskOptions(policy));
            return "succeeded";
        }
        catch (TaskFailedException)
        {
            return "gave up";
        }
    }

    [Function(nameof(AlwaysFails))]
    public static string AlwaysFails([ActivityTrigger] string key)
    {
        var attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        throw new InvalidOperationException($"attempt {attempt} failed");
    }

    [Function(nameof(Accumulate))]
    public static async Task<int> Accumulate([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var total = context.GetInput<int>();
        var added = await context.WaitForExternalEvent<int>("add");
        total += added;
        if (total >= 6)
            return total;
        context.ContinueAsNew(total);
        return total;
    }

    [Function(nameof(DeterministicValues))]
    public static async Task<string> DeterministicValues([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ReplayFlags[context.InstanceId + ":" + context.IsReplaying] = true;
        var guid = context.NewGuid();
        var startedAt = context.CurrentUtcDateTime;
        var echoed = await context.CallActivityAsync<string>(nameof(Echo), guid.ToString());
        ReplayFlags[context.InstanceId + ":after:" + context.IsReplaying] = true;
        await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(200), CancellationToken.None);
        var second = context.NewGuid();
        context.CreateReplaySafeLogger("test").LogInformationSafe();
        return $"{guid == Guid.Parse(echoed)}|{second != guid}|{startedAt <= context.CurrentUtcDateTime}|{startedAt.Kind}";
    }

    [Function(nameof(Echo))]
    public static string Echo([ActivityTrigger] string value) => value;

    [Function(nameof(Flaky))]
    public static async Task<string> Flaky([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<string>(FlakyTakesOtherPath ? nameof(Echo) : nameof(SayHello), "x");
        return await context.WaitForExternalEvent<string>("continue");
    }

    [Function(nameof(Sender))]
    public static Task<string> Sender([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        context.SendEvent(context.GetInput<string>()!, "approval", "sent by " + context.InstanceId);
        return Task.FromResult("sent");
    }

    [Function(nameof(LongTimer))]
    public static async Task<DateTime> LongTimer([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var fireAt = context.CurrentUtcDateTime.AddSeconds(context.GetInput<double>());
        await context.CreateTimer(fireAt, CancellationToken.None);
        return fireAt;
    }

    [Function(nameof(EchoOrchestration))]
    public static async Task<string> EchoOrchestration([OrchestrationTrigger] TaskOrchestrationContext context) =>
        await context.CallActivityAsync<string>(nameof(Echo), context.GetInput<string>());
}

internal static class LoggerTestExtensions
{
    public static void LogInformationSafe(this Microsoft.Extensions.Logging.ILogger logger) =>
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "replay-safe log line");
}
