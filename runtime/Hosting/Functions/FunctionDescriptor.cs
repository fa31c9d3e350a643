using System.Reflection;

namespace Gonghui.Hosting.Functions;

/// <summary>One discovered function: its name, the method, and the trigger on one of its parameters.</summary>
public sealed record FunctionDescriptor(
    string Name,
    MethodInfo Method,
    ParameterInfo TriggerParameter,
    TriggerBindingAttribute Trigger)
{
    public Type DeclaringType => Method.DeclaringType!;

    public T TriggerAs<T>() where T : TriggerBindingAttribute =>
        Trigger as T ?? throw new InvalidOperationException($"Function {Name} has a {Trigger.TriggerType}, not a {typeof(T).Name}.");
}
