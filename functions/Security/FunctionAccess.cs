using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Security;

/// <summary>
/// Who may call an HTTP function, read from its method: <see cref="ApiAccessAttribute"/> (the roles) or
/// <see cref="PublicAccessAttribute"/> (anyone). The method is found the way the worker finds it, from the function's
/// entry point ("Namespace.Type.Method") and assembly.
/// </summary>
public static class FunctionAccess
{
    public const string HttpTriggerType = "httpTrigger";

    public static bool IsHttpTriggered(FunctionDefinition definition) =>
        definition.InputBindings.Values.Any(b => string.Equals(b.Type, HttpTriggerType, StringComparison.OrdinalIgnoreCase));

    /// <summary>The roles admitted, or null for a public function; throws when the method declares neither or both.</summary>
    public static ApiRoles? Of(MethodInfo method)
    {
        var roles = method.GetCustomAttribute<ApiAccessAttribute>()?.Roles;
        var isPublic = method.IsDefined(typeof(PublicAccessAttribute), inherit: false);
        if (roles is null == !isPublic)
            throw new InvalidOperationException(
                $"HTTP function method {method.DeclaringType?.FullName}.{method.Name} must carry exactly one of [ApiAccess(...)] and [PublicAccess].");
        if (roles == ApiRoles.None)
            throw new InvalidOperationException($"[ApiAccess] on {method.DeclaringType?.FullName}.{method.Name} admits no role.");
        return roles;
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
