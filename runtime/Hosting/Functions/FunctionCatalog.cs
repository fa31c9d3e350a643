using System.Reflection;

namespace Gonghui.Hosting.Functions;

/// <summary>
/// Every <see cref="FunctionAttribute"/> method found in the given assemblies. Discovery fails loudly at start
/// (duplicate names, no trigger, several triggers) rather than at the first call.
/// </summary>
public sealed class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDescriptor> _byName;

    public FunctionCatalog(IEnumerable<FunctionDescriptor> functions)
    {
        _byName = new Dictionary<string, FunctionDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions)
        {
            if (!_byName.TryAdd(function.Name, function))
                throw new InvalidOperationException(
                    $"Two functions are named '{function.Name}': {Describe(_byName[function.Name].Method)} and {Describe(function.Method)}.");
        }
    }

    public IReadOnlyCollection<FunctionDescriptor> All => _byName.Values;

    public FunctionDescriptor? Find(string name) => _byName.GetValueOrDefault(name);

    public IEnumerable<FunctionDescriptor> WithTrigger<TTrigger>() where TTrigger : Attribute =>
        _byName.Values.Where(f => f.Trigger is TTrigger).OrderBy(f => f.Name, StringComparer.Ordinal);

    public static FunctionCatalog Discover(params Assembly[] assemblies) =>
        new(assemblies.Distinct().SelectMany(DiscoverIn));

    private static IEnumerable<FunctionDescriptor> DiscoverIn(Assembly assembly)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsGenericTypeDefinition: false }))
        {
            foreach (var method in type.GetMethods(flags))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                if (function is null)
                    continue;
                var triggers = method.GetParameters()
                    .Select(p => (Parameter: p, Trigger: TriggerOf(p)))
                    .Where(t => t.Trigger is not null)
                    .ToList();
                if (triggers.Count != 1)
                    throw new InvalidOperationException(
                        $"Function '{function.Name}' ({Describe(method)}) must have exactly one trigger parameter; it has {triggers.Count}.");
                yield return new FunctionDescriptor(function.Name, method, triggers[0].Parameter, triggers[0].Trigger!);
            }
        }
    }

    /// <summary>The host's own trigger attribute on a parameter, or an isolated-worker extension trigger.</summary>
    private static Attribute? TriggerOf(ParameterInfo parameter) =>
        (Attribute?)parameter.GetCustomAttribute<TriggerBindingAttribute>()
        ?? parameter.GetCustomAttribute<Microsoft.Azure.Functions.Worker.Extensions.Abstractions.TriggerBindingAttribute>();

    private static string Describe(MethodInfo method) => $"{method.DeclaringType?.FullName}.{method.Name}";
}
