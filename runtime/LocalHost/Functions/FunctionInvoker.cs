using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Gonghui.LocalHost.AppLoading;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.LocalHost.Functions;

/// <summary>
/// Calls a function of the app as the isolated worker would: in a DI scope of its own from the app's services, through
/// the app's worker middleware (the <see cref="IFunctionsWorkerMiddleware"/> services it registers, in order), on an
/// instance the app's services construct. Parameters bind by the worker's rules: the trigger parameter gets the
/// trigger's value, a [DurableClient] parameter the host's client, then <see cref="FunctionContext"/>,
/// <see cref="CancellationToken"/>, binding data of the same name (route values, queue message metadata), and the
/// parameter's default. Task and ValueTask results are awaited; the returned object is the function's result.
/// </summary>
public sealed class FunctionInvoker(FunctionApp app, DurableTaskClient durableClient)
{
    public async Task<object?> InvokeAsync(FunctionDescriptor function, object? triggerValue,
        IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken, HttpContext? httpContext = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var context = new LocalFunctionContext(function, services, bindingData, cancellationToken);
        var requestServices = httpContext?.RequestServices;
        if (httpContext is not null)
        {
            context.Items[LocalFunctionContext.HttpContextKey] = httpContext;
            // As the worker's ASP.NET Core integration does: the request's services are the invocation's, while it runs.
            // The scope ends with the invocation, so the host's come back for writing the result.
            httpContext.RequestServices = services;
        }
        object? result = null;
        FunctionExecutionDelegate pipeline = async c => result = await CallAsync(function, triggerValue, (LocalFunctionContext)c);
        foreach (var middleware in services.GetServices<IFunctionsWorkerMiddleware>().Reverse())
        {
            var next = pipeline;
            pipeline = c => middleware.Invoke(c, next);
        }
        try
        {
            await pipeline(context);
        }
        finally
        {
            if (httpContext is not null)
                httpContext.RequestServices = requestServices!;
        }
        return result;
    }

    private async Task<object?> CallAsync(FunctionDescriptor function, object? triggerValue, LocalFunctionContext context)
    {
        var parameters = function.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            arguments[i] = Bind(parameters[i], function, triggerValue, context);
        var target = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.InstanceServices, function.DeclaringType);
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
        try
        {
            return await AwaitResultAsync(returned).ConfigureAwait(false);
        }
        finally
        {
            if (target is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync();
            else if (target is IDisposable disposable)
                disposable.Dispose();
        }
    }

    private object? Bind(ParameterInfo parameter, FunctionDescriptor function, object? triggerValue, LocalFunctionContext context)
    {
        if (parameter.Name == function.Trigger.ParameterName)
            return triggerValue;
        if (parameter.Name is { } name && function.DurableClientParameters.Contains(name))
            return durableClient;
        var type = parameter.ParameterType;
        if (type == typeof(FunctionContext))
            return context;
        if (type == typeof(CancellationToken))
            return context.CancellationToken;
        if (parameter.Name is { } dataName && context.BindingContext.BindingData.TryGetValue(dataName, out var value))
            return ConvertBindingValue(value, type, function, dataName);
        if (parameter.HasDefaultValue)
            return parameter.DefaultValue;
        throw new InvalidOperationException(
            $"Function '{function.Name}' has parameter '{parameter.Name}' of type {type.Name} that nothing binds: it is no binding in functions.metadata, no binding data and has no default.");
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

    internal static async Task<object?> AwaitResultAsync(object? returned)
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
            return await AwaitResultAsync(asTask).ConfigureAwait(false);
        }
        return returned;
    }
}
