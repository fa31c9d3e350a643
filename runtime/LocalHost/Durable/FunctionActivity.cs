using Gonghui.LocalHost.Functions;
using Microsoft.DurableTask;

namespace Gonghui.LocalHost.Durable;

/// <summary>
/// An [ActivityTrigger] function as the Durable Task SDK runs it: the trigger parameter gets the activity input,
/// deserialized to its type; the rest binds through <see cref="FunctionInvoker"/> in a DI scope of its own, as every
/// other function's parameters do (with <c>instanceId</c> as binding data).
/// </summary>
internal sealed class FunctionActivity(FunctionDescriptor function, FunctionInvoker invoker) : ITaskActivity
{
    public Type InputType => function.TriggerParameter.ParameterType;
    public Type OutputType => typeof(object);

    public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
        invoker.InvokeAsync(function, input, new Dictionary<string, object?> { ["instanceId"] = context.InstanceId }, CancellationToken.None);
}
