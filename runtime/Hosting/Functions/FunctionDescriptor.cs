using System.Reflection;

namespace Gonghui.Hosting.Functions;

/// <summary>
/// One discovered function: its name, the method, and the trigger on one of its parameters: one of the host's own
/// (<see cref="TriggerBindingAttribute"/>) or one of the isolated worker's extension triggers (such as the Durable
/// Task extension's [OrchestrationTrigger] and [ActivityTrigger]).
/// </summary>
public sealed record FunctionDescriptor(
    string Name,
    MethodInfo Method,
    ParameterInfo TriggerParameter,
    Attribute Trigger)
{
    public Type DeclaringType => Method.DeclaringType!;

    /// <summary>The binding type as functions.metadata names it ("httpTrigger", "orchestrationTrigger", ...).</summary>
    public string TriggerType => Trigger is TriggerBindingAttribute own ? own.TriggerType : ExtensionTriggerType(Trigger.GetType());

    public T TriggerAs<T>() where T : Attribute =>
        Trigger as T ?? throw new InvalidOperationException($"Function {Name} has a {TriggerType}, not a {typeof(T).Name}.");

    /// <summary>The worker SDK's rule: the attribute's name without "Attribute", first letter lower case.</summary>
    private static string ExtensionTriggerType(Type attribute)
    {
        var name = attribute.Name.EndsWith("Attribute", StringComparison.Ordinal) ? attribute.Name[..^"Attribute".Length] : attribute.Name;
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
