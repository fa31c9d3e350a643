using System.Text.Json;

namespace Gonghui.Durable;

/// <summary>The state of an orchestration instance, as Durable Task's OrchestrationMetadata.</summary>
public sealed class OrchestrationMetadata(string name, string instanceId)
{
    public string Name { get; } = name;
    public string InstanceId { get; } = instanceId;
    public string? Version { get; init; }
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public DateTimeOffset? ScheduledStartTime { get; init; }
    public string? SerializedInput { get; init; }
    public string? SerializedOutput { get; init; }
    public string? SerializedCustomStatus { get; init; }
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Whether inputs and outputs were asked for (otherwise the Serialized* payloads are null).</summary>
    public bool RequestedInputsAndOutputs { get; init; }

    internal JsonSerializerOptions? SerializerOptions { get; init; }

    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadInputAs<T>() => Read<T>(SerializedInput);
    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);
    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    private T? Read<T>(string? json)
    {
        if (!RequestedInputsAndOutputs && json is null)
            throw new InvalidOperationException("Inputs and outputs were not fetched; ask with getInputsAndOutputs: true.");
        return json is null ? default : JsonSerializer.Deserialize<T>(json, SerializerOptions ?? DurableJson.Options);
    }
}
