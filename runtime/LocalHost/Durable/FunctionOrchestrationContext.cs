using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Durable;

/// <summary>
/// The context an orchestrator function gets: the SDK's own, except that <see cref="GetInput{T}"/> reads the input as
/// whatever type the function asks for. A function declares no input type up front (as a class-based orchestrator's
/// generic argument would), so the input arrives as JSON and is converted on request, as the isolated worker's
/// Durable Task extension does.
/// </summary>
internal sealed class FunctionOrchestrationContext(TaskOrchestrationContext inner, object? input, DataConverter converter, ILoggerFactory loggers)
    : TaskOrchestrationContext
{
    public override TaskName Name => inner.Name;
    public override string InstanceId => inner.InstanceId;
    public override ParentOrchestrationInstance? Parent => inner.Parent;
    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;
    public override bool IsReplaying => inner.IsReplaying;
    public override string Version => inner.Version;
    public override IReadOnlyDictionary<string, object?> Properties => inner.Properties;
    public override TaskOrchestrationEntityFeature Entities => inner.Entities;
    protected override ILoggerFactory LoggerFactory => loggers;

    public override T? GetInput<T>() where T : default => input switch
    {
        null => default,
        T typed => typed,
        JsonElement json => converter.Deserialize<T>(json.GetRawText()),
        _ => throw new InvalidCastException($"The orchestration input is a {input.GetType().Name}, not a {typeof(T).Name}."),
    };

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
        inner.CallActivityAsync<TResult>(name, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override void SendEvent(string instanceId, string eventName, object payload) => inner.SendEvent(instanceId, eventName, payload);

    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => inner.NewGuid();
}
