using System.Reflection;
using System.Runtime.ExceptionServices;
using Gonghui.LocalHost.Functions;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Durable;

/// <summary>
/// An [OrchestrationTrigger] function as the Durable Task SDK runs it: the method (on an instance the app's services
/// construct, unless static), called on every replay with a <see cref="FunctionOrchestrationContext"/> (and, if it
/// asks, a replay-safe <see cref="ILogger"/>). Every await stays
/// on the orchestration's own scheduler, which is why this does not go through <see cref="FunctionInvoker"/> (it awaits
/// with ConfigureAwait(false)) and binds no services: orchestrators are deterministic and do their I/O in activities.
/// </summary>
internal sealed class FunctionOrchestrator(FunctionDescriptor function, IServiceProvider appServices, DataConverter converter, ILoggerFactory loggers)
    : ITaskOrchestrator
{
    public Type InputType => typeof(object);
    public Type OutputType => function.Method.ReturnType;

    public async Task<object?> RunAsync(TaskOrchestrationContext sdkContext, object? input)
    {
        var context = new FunctionOrchestrationContext(sdkContext, input, converter, loggers);
        var arguments = function.Method.GetParameters().Select(parameter => Bind(parameter, context)).ToArray();
        object? returned;
        try
        {
            returned = function.Method.Invoke(
                function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(appServices, function.DeclaringType), arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
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
            default:
                return returned;
        }
    }

    /// <summary>Fails at start, not at the first run, for a method the SDK could not run either.</summary>
    public static void Check(FunctionDescriptor function)
    {
        if (function.TriggerParameter.ParameterType != typeof(TaskOrchestrationContext))
            throw new InvalidOperationException($"Orchestrator function '{function.Name}': the [OrchestrationTrigger] parameter must be a TaskOrchestrationContext.");
        foreach (var parameter in function.Method.GetParameters().Where(p => p.Name != function.Trigger.ParameterName && p.ParameterType != typeof(ILogger)))
            throw new InvalidOperationException($"Orchestrator function '{function.Name}' has parameter '{parameter.Name}' of type {parameter.ParameterType.Name} that nothing can bind.");
    }

    private object Bind(ParameterInfo parameter, TaskOrchestrationContext context) =>
        parameter.Name == function.Trigger.ParameterName ? context : context.CreateReplaySafeLogger("Function." + function.Name);
}
