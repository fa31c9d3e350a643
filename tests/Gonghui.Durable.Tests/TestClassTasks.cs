namespace Gonghui.Durable.Tests;

/// <summary>Version 1.0 of "Versioned": waits for an event, so a running instance can outlive a new version.</summary>
public sealed class VersionedOne : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.WaitForExternalEvent<string>("go");
        return "v1:" + context.Version;
    }
}

/// <summary>Version 2.0 of "Versioned".</summary>
public sealed class VersionedTwo : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult("v2:" + context.Version);
}

public sealed record MultiplyInput(int A, int B);

public sealed class MultiplyOrchestrator : TaskOrchestrator<MultiplyInput, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, MultiplyInput input) =>
        context.CallActivityAsync<int>(nameof(MultiplyActivity), input);
}

public sealed class MultiplyActivity : TaskActivity<MultiplyInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, MultiplyInput input) => Task.FromResult(input.A * input.B);
}
