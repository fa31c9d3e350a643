using System.Reflection;
using System.Text.Json;

namespace Gonghui.LocalHost.Functions;

/// <summary>
/// The app's functions, read from the build's functions.metadata (the file the Azure Functions host reads) and
/// matched to their methods in the app's assembly. Reading fails at start, naming the function and the binding, for
/// anything the local host cannot run: an unknown trigger, an input or output binding other than [DurableClient] and
/// the HTTP result, an entry point that does not exist.
/// </summary>
public sealed class FunctionCatalog
{
    public const string MetadataFileName = "functions.metadata";

    /// <summary>Binding types the local host runs, by direction.</summary>
    public static readonly IReadOnlyList<string> SupportedTriggers =
        ["httpTrigger", "queueTrigger", "timerTrigger", "orchestrationTrigger", "activityTrigger"];

    private readonly Dictionary<string, FunctionDescriptor> _byName;

    public FunctionCatalog(IEnumerable<FunctionDescriptor> functions)
    {
        _byName = new Dictionary<string, FunctionDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions)
        {
            if (!_byName.TryAdd(function.Name, function))
                throw new InvalidOperationException($"Two functions are named '{function.Name}'.");
        }
    }

    public IReadOnlyCollection<FunctionDescriptor> All => _byName.Values;

    public FunctionDescriptor? Find(string name) => _byName.GetValueOrDefault(name);

    public IEnumerable<FunctionDescriptor> WithTrigger<TTrigger>() where TTrigger : FunctionTrigger =>
        _byName.Values.Where(f => f.Trigger is TTrigger).OrderBy(f => f.Name, StringComparer.Ordinal);

    /// <summary>Reads <paramref name="appFolder"/>/functions.metadata; entry points are looked up in <paramref name="assembly"/>.</summary>
    public static FunctionCatalog Load(string appFolder, Assembly assembly)
    {
        var path = Path.Combine(appFolder, MetadataFileName);
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"{path} does not exist: build the app with Microsoft.Azure.Functions.Worker.Sdk, which writes it, and point the local host at the build output.");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new FunctionCatalog(document.RootElement.EnumerateArray().Select(entry => Describe(entry, assembly)).ToList());
    }

    private static FunctionDescriptor Describe(JsonElement entry, Assembly assembly)
    {
        var name = entry.GetProperty("name").GetString()!;
        var entryPoint = entry.GetProperty("entryPoint").GetString()!;
        FunctionTrigger? trigger = null;
        var durableClients = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binding in entry.GetProperty("bindings").EnumerateArray())
        {
            var type = String(binding, "type") ?? "";
            var bindingName = String(binding, "name") ?? "";
            var direction = String(binding, "direction") ?? "";
            if (type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
            {
                if (trigger is not null)
                    throw Unsupported(name, bindingName, type, "a second trigger");
                trigger = Trigger(name, bindingName, type, binding);
            }
            else if (type.Equals("durableClient", StringComparison.OrdinalIgnoreCase) && direction.Equals("In", StringComparison.OrdinalIgnoreCase))
            {
                durableClients.Add(bindingName);
            }
            else if (!(type.Equals("http", StringComparison.OrdinalIgnoreCase) && direction.Equals("Out", StringComparison.OrdinalIgnoreCase)))
            {
                throw Unsupported(name, bindingName, type, $"a {direction.ToLowerInvariant()} binding");
            }
        }
        if (trigger is null)
            throw new InvalidOperationException($"Function '{name}' has no trigger in {MetadataFileName}.");
        return new FunctionDescriptor(name, Method(name, entryPoint, trigger.ParameterName, assembly), trigger, durableClients);
    }

    private static FunctionTrigger Trigger(string function, string parameter, string type, JsonElement binding) => type switch
    {
        "httpTrigger" => new HttpTrigger(parameter,
            binding.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
                ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList()
                : [],
            String(binding, "route"),
            Enum.TryParse<AuthorizationLevel>(String(binding, "authLevel") ?? "Function", ignoreCase: true, out var level)
                ? level
                : throw Unsupported(function, parameter, type, $"the authorization level '{String(binding, "authLevel")}'")),
        "queueTrigger" => new QueueTrigger(parameter,
            String(binding, "queueName") ?? throw Unsupported(function, parameter, type, "no queueName"),
            String(binding, "connection") is { Length: > 0 } connection ? connection : "AzureWebJobsStorage"),
        "timerTrigger" => new TimerTrigger(parameter,
            String(binding, "schedule") ?? throw Unsupported(function, parameter, type, "no schedule"),
            binding.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.ValueKind == JsonValueKind.True),
        "orchestrationTrigger" => new OrchestrationTrigger(parameter),
        "activityTrigger" => new ActivityTrigger(parameter),
        _ => throw Unsupported(function, parameter, type, "a trigger"),
    };

    private static MethodInfo Method(string function, string entryPoint, string triggerParameter, Assembly assembly)
    {
        var dot = entryPoint.LastIndexOf('.');
        var type = dot > 0 ? assembly.GetType(entryPoint[..dot]) : null;
        var method = type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == entryPoint[(dot + 1)..])
            .FirstOrDefault(m => m.GetParameters().Any(p => p.Name == triggerParameter));
        return method ?? throw new InvalidOperationException(
            $"Function '{function}': its entry point {entryPoint} (with a parameter '{triggerParameter}') is not in {assembly.GetName().Name}. Is the build output stale?");
    }

    private static InvalidOperationException Unsupported(string function, string binding, string type, string what) =>
        new($"Function '{function}' has {what} '{binding}' of type '{type}', which the local host cannot run. " +
            $"It runs the triggers {string.Join(", ", SupportedTriggers)}, [DurableClient] inputs and HTTP results; run this app with Azure Functions Core Tools instead.");

    private static string? String(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
