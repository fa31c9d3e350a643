namespace Gonghui.Durable;

/// <summary>What an activity knows about its call: its name and the orchestration instance that scheduled it.</summary>
public sealed record TaskActivityContext(TaskName Name, string InstanceId, int TaskId)
{
    /// <summary>A key unique to this activity call, stable across redeliveries: use it to make effects idempotent.</summary>
    public string IdempotencyKey => $"{InstanceId}:{TaskId}";
}

/// <summary>An activity the engine can run: untyped input in, untyped output out.</summary>
public interface ITaskActivity
{
    Type InputType { get; }
    Type OutputType { get; }
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>A class-based activity, as Microsoft.DurableTask's TaskActivity&lt;TInput, TOutput&gt;. Runs at least once.</summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);
    Type ITaskActivity.OutputType => typeof(TOutput);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!).ConfigureAwait(false);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);
}
