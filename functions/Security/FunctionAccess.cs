using System.Reflection;
using Gonghui.Functions.StaffPages;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Security;

/// <summary>
/// Who may call an HTTP function, read from its method: <see cref="ApiAccessAttribute"/> (API keys of the roles),
/// <see cref="StaffPageAttribute"/> (signed-in staff of the roles) or <see cref="PublicAccessAttribute"/> (anyone).
/// The method is found the way the worker finds it, from the function's entry point ("Namespace.Type.Method") and
/// assembly.
/// </summary>
public static class FunctionAccess
{
    public const string HttpTriggerType = "httpTrigger";

    public static bool IsHttpTriggered(FunctionDefinition definition) =>
        definition.InputBindings.Values.Any(b => string.Equals(b.Type, HttpTriggerType, StringComparison.OrdinalIgnoreCase));

    /// <summary>What the method declares; throws when it declares none or more than one kind of access, or no role.</summary>
    public static FunctionAccessRule Of(MethodInfo method)
    {
        var name = $"{method.DeclaringType?.FullName}.{method.Name}";
        var declared = new List<FunctionAccessRule>();
        if (method.GetCustomAttribute<ApiAccessAttribute>() is { } api)
            declared.Add(new FunctionAccessRule(FunctionAccessKind.ApiKey, api.Roles));
        if (method.GetCustomAttribute<StaffPageAttribute>() is { } page)
            declared.Add(new FunctionAccessRule(FunctionAccessKind.StaffPage, page.Roles));
        if (method.IsDefined(typeof(PublicAccessAttribute), inherit: false))
            declared.Add(FunctionAccessRule.Public);
        if (declared.Count != 1)
            throw new InvalidOperationException(
                $"HTTP function method {name} must carry exactly one of [ApiAccess(...)], [StaffPage(...)] and [PublicAccess].");
        var rule = declared[0];
        if (rule.Kind != FunctionAccessKind.Public && rule.Roles == ApiRoles.None)
            throw new InvalidOperationException($"[{(rule.Kind == FunctionAccessKind.ApiKey ? "ApiAccess" : "StaffPage")}] on {name} admits no role.");
        return rule;
    }

    public static MethodInfo MethodOf(FunctionDefinition definition)
    {
        var entryPoint = definition.EntryPoint;
        var dot = entryPoint.LastIndexOf('.');
        if (dot <= 0)
            throw new InvalidOperationException($"Function {definition.Name} has the entry point '{entryPoint}', not Type.Method.");
        var assembly = AssemblyAt(definition.PathToAssembly);
        var type = assembly.GetType(entryPoint[..dot], throwOnError: false)
                   ?? throw new InvalidOperationException($"Function {definition.Name}: no type {entryPoint[..dot]} in {assembly.GetName().Name}.");
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == entryPoint[(dot + 1)..] && m.IsDefined(typeof(FunctionAttribute), inherit: false))
            .ToList();
        return methods.Count == 1
            ? methods[0]
            : throw new InvalidOperationException($"Function {definition.Name}: {methods.Count} [Function] methods match {entryPoint}.");
    }

    private static Assembly AssemblyAt(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        return AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()))
               ?? Assembly.LoadFrom(path);
    }
}
