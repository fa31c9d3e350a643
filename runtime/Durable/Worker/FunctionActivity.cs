using Gonghui.Hosting.Functions;

namespace Gonghui.Durable.Worker;

/// <summary>An [ActivityTrigger] function: its trigger parameter gets the activity input, deserialized to its type.</summary>
internal sealed class FunctionActivity(FunctionDescriptor function, FunctionInvoker invoker) : ITaskActivity
{
    public Type InputType => function.TriggerParameter.ParameterType;
    public Type OutputType => typeof(object);

    public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
        invoker.InvokeAsync(function, input, new Dictionary<string, object?>
        {
            ["instanceId"] = context.InstanceId,
            ["idempotencyKey"] = context.IdempotencyKey,
        }, CancellationToken.None);
}
