namespace Gonghui.Hosting.Functions;

/// <summary>
/// Base of every trigger attribute. Exactly one parameter of a function carries one; the host (or an extension
/// such as the durable engine) that knows the trigger type runs the function.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false)]
public abstract class TriggerBindingAttribute : Attribute
{
    /// <summary>A short name for listings and function.json ("httpTrigger", "queueTrigger", ...).</summary>
    public abstract string TriggerType { get; }
}
