using System.Reflection;

namespace Gonghui.LocalHost.Functions;

/// <summary>
/// One function of the app as functions.metadata lists it: its name, the method its entry point names, its trigger,
/// and the names of its [DurableClient] parameters (the only input binding the local host supplies).
/// </summary>
public sealed record FunctionDescriptor(
    string Name,
    MethodInfo Method,
    FunctionTrigger Trigger,
    IReadOnlySet<string> DurableClientParameters)
{
    public Type DeclaringType => Method.DeclaringType!;

    public ParameterInfo TriggerParameter => Method.GetParameters().Single(p => p.Name == Trigger.ParameterName);

    /// <summary>"Namespace.Type.Method", as functions.metadata writes it.</summary>
    public string EntryPoint => $"{DeclaringType.FullName}.{Method.Name}";

    public T TriggerAs<T>() where T : FunctionTrigger =>
        Trigger as T ?? throw new InvalidOperationException($"Function {Name} has a {Trigger.Type}, not a {typeof(T).Name}.");
}
