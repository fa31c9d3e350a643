namespace Gonghui.Hosting.Functions;

/// <summary>Declares a method as a function with the given name, as the Azure Functions isolated worker does.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
