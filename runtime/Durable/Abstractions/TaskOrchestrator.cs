namespace Gonghui.Durable;

/// <summary>An orchestrator the engine can run: untyped input in, untyped output out.</summary>
public interface ITaskOrchestrator
{
    Type InputType { get; }
    Type OutputType { get; }
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>A class-based orchestrator, as Microsoft.DurableTask's TaskOrchestrator&lt;TInput, TOutput&gt;.</summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);
    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);
}
