using Gonghui.Hosting.Functions;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Durable.Worker;

/// <summary>
/// The orchestrators (by name and version) and activities (by name) this process can run: [OrchestrationTrigger]
/// and [ActivityTrigger] functions from the <see cref="FunctionCatalog"/> in DI, plus classes registered on
/// <see cref="DurableTaskOptions"/>. Versions of one orchestrator run side by side: an instance keeps the version
/// it started with; a new instance without a version gets the highest registered one.
/// </summary>
internal sealed class TaskRegistry
{
    private readonly Dictionary<string, Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    public TaskRegistry(DurableTaskOptions options, IServiceProvider services)
    {
        foreach (var (name, type) in options.ClassOrchestrators)
            AddOrchestrator(name, sp => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(sp, type));
        foreach (var (name, type) in options.ClassActivities)
            AddActivity(name.Name, sp => (ITaskActivity)ActivatorUtilities.CreateInstance(sp, type));
        if (services.GetService<FunctionCatalog>() is not { } catalog)
            return;
        var invoker = services.GetRequiredService<FunctionInvoker>();
        foreach (var function in catalog.WithTrigger<OrchestrationTriggerAttribute>())
        {
            if (function.TriggerParameter.ParameterType != typeof(TaskOrchestrationContext))
                throw new InvalidOperationException($"Orchestrator function '{function.Name}': the [OrchestrationTrigger] parameter must be a TaskOrchestrationContext.");
            AddOrchestrator(new TaskName(function.Name, function.TriggerAs<OrchestrationTriggerAttribute>().Version),
                sp => new FunctionOrchestrator(function, sp));
        }
        foreach (var function in catalog.WithTrigger<ActivityTriggerAttribute>())
        {
            var activity = new FunctionActivity(function, invoker);
            AddActivity(function.Name, _ => activity);
        }
    }

    public Func<IServiceProvider, ITaskOrchestrator>? FindOrchestrator(string name, string version) =>
        _orchestrators.TryGetValue(name, out var versions) && versions.TryGetValue(version, out var factory) ? factory : null;

    /// <summary>The version a new instance of <paramref name="name"/> gets when none was asked for.</summary>
    public string DefaultVersion(string name) =>
        _orchestrators.TryGetValue(name, out var versions) && versions.Count > 0
            ? versions.Keys.OrderBy(v => System.Version.TryParse(v, out var parsed) ? parsed : new Version(0, 0)).ThenBy(v => v, StringComparer.Ordinal).Last()
            : "";

    public Func<IServiceProvider, ITaskActivity>? FindActivity(string name) => _activities.GetValueOrDefault(name);

    private void AddOrchestrator(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        if (!_orchestrators.TryGetValue(name.Name, out var versions))
            _orchestrators[name.Name] = versions = new Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>>(StringComparer.Ordinal);
        if (!versions.TryAdd(name.Version ?? "", factory))
            throw new InvalidOperationException($"Orchestrator '{name}' is registered twice.");
    }

    private void AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        if (!_activities.TryAdd(name, factory))
            throw new InvalidOperationException($"Activity '{name}' is registered twice.");
    }
}
