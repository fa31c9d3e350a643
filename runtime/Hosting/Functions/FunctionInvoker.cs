using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gonghui.Hosting.Functions;

/// <summary>
/// Calls a function method. The trigger parameter gets the value its trigger produced; the others are bound, in
/// order: <see cref="FunctionContext"/>, <see cref="CancellationToken"/>, <see cref="ILogger"/>, a trigger metadata
/// value of the same name (id, dequeueCount, ...), then a service from dependency injection (e.g. a [DurableClient]
/// DurableTaskClient). Instance methods run on an instance created per invocation in its own DI scope.
/// Task and ValueTask results are awaited; the returned object is the function's result (or null).
/// </summary>
public sealed class FunctionInvoker(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public async Task<object?> InvokeAsync(FunctionDescriptor function, object? triggerValue,
        IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var context = new FunctionContext(function, services, bindingData, cancellationToken);
        var parameters = function.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            arguments[i] = Bind(parameters[i], function, triggerValue, context, services);

        var target = function.Method.IsStatic
            ? null
            : ActivatorUtilities.GetServiceOrCreateInstance(services, function.DeclaringType);
        object? returned;
        try
        {
            returned = function.Method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        return await UnwrapAsync(returned).ConfigureAwait(false);
    }

    private object? Bind(ParameterInfo parameter, FunctionDescriptor function, object? triggerValue,
        FunctionContext context, IServiceProvider services)
    {
        if (parameter == function.TriggerParameter)
            return triggerValue;
        var type = parameter.ParameterType;
        if (type == typeof(FunctionContext))
            return context;
        if (type == typeof(CancellationToken))
            return context.CancellationToken;
        if (type == typeof(ILogger))
            return loggers.CreateLogger("Function." + function.Name);
        if (parameter.Name is { } name && context.BindingData.TryGetValue(name, out var value))
            return ConvertBindingValue(value, type, function, name);
        var service = services.GetService(type);
        if (service is not null)
            return service;
        if (parameter.HasDefaultValue)
            return parameter.DefaultValue;
        throw new InvalidOperationException(
            $"Function '{function.Name}' has parameter '{parameter.Name}' of type {type.Name} that nothing can bind.");
    }

    private static object? ConvertBindingValue(object? value, Type type, FunctionDescriptor function, string name)
    {
        if (value is null || type.IsInstanceOfType(value))
            return value;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (target == typeof(string))
                return Convert.ToString(value, CultureInfo.InvariantCulture);
            if (target == typeof(DateTimeOffset) && value is DateTime dateTime)
                return new DateTimeOffset(dateTime);
            return Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidOperationException(
                $"Function '{function.Name}': binding data '{name}' ({value.GetType().Name}) cannot become a {type.Name}.", ex);
        }
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case null:
                return null;
            case Task task:
                await task.ConfigureAwait(false);
                var taskType = task.GetType();
                return taskType.IsGenericType && taskType.GetProperty("Result") is { } result && result.PropertyType.Name != "VoidTaskResult"
                    ? result.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
        }
        var type = returned.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = (Task)type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(returned, null)!;
            return await UnwrapAsync(asTask).ConfigureAwait(false);
        }
        return returned;
    }
}
