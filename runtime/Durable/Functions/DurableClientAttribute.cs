namespace Gonghui.Durable;

/// <summary>
/// Marks a <see cref="DurableTaskClient"/> parameter of a function. The client is a DI service, so the function
/// invoker binds it like any other service; the attribute documents intent, as in Durable Functions.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DurableClientAttribute : Attribute;
