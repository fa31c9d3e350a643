using System.Reflection;
using System.Runtime.ExceptionServices;
using Gonghui.Hosting.Functions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gonghui.Durable.Worker;

/// <summary>
/// An [OrchestrationTrigger] function, called on every replay. It does not go through FunctionInvoker: that awaits
/// with ConfigureAwait(false), and under the replay's SynchronizationContext .NET queues such continuations to the
/// thread pool, so the orchestrator's completion would be seen only after the replay had ended. Here every await
/// stays on the replay thread. Parameters bind as in FunctionInvoker: the context, FunctionContext,
/// CancellationToken, a replay-safe ILogger, then services of the step's DI scope.
/// </summary>
internal sealed class FunctionOrchestrator(FunctionDescriptor function, IServiceProvider services) : ITaskOrchestrator
{
    public Type InputType => typeof(object);
    public Type OutputType => function.Method.ReturnType;

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var bindingData = new Dictionary<string, object?> { ["instanceId"] = context.InstanceId };
        var arguments = function.Method.GetParameters().Select(p => Bind(p, context, bindingData)).ToArray();
        var target = function.Method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, function.DeclaringType);
        object? returned;
        try
        {
            returned = function.Method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        return AwaitOnReplayThread(returned);
    }

    private object? Bind(ParameterInfo parameter, TaskOrchestrationContext context, IReadOnlyDictionary<string, object?> bindingData)
    {
        if (parameter == function.TriggerParameter)
            return context;
        var type = parameter.ParameterType;
        if (type == typeof(FunctionContext))
            return new FunctionContext(function, services, bindingData, CancellationToken.None);
        if (type == typeof(CancellationToken))
            return CancellationToken.None;
        if (type == typeof(ILogger))
            return context.CreateReplaySafeLogger("Function." + function.Name);
        if (services.GetService(type) is { } service)
            return service;
        if (parameter.HasDefaultValue)
            return parameter.DefaultValue;
        throw new InvalidOperationException($"Orchestrator function '{function.Name}' has parameter '{parameter.Name}' of type {type.Name} that nothing can bind.");
    }

    private static async Task<object?> AwaitOnReplayThread(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                var type = task.GetType();
                return type.IsGenericType && type.GetProperty("Result") is { } result && result.PropertyType.Name != "VoidTaskResult"
                    ? result.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            case { } value when value.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ValueTask<>):
                return await AwaitOnReplayThread(t.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(value, null));
            default:
                return returned;
        }
    }
}
