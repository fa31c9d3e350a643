using Azure;
using Gonghui.Storage.Tables;

namespace Gonghui.Durable.Storage;

/// <summary>
/// The head row of an instance (RowKey "head" in the History table): its status and payloads, which generation
/// (execution) is current, the next history sequence number, and from which history row outbound messages may
/// still be unsent. Its ETag is the instance's lock: every step commits against it.
/// </summary>
internal sealed class InstanceHead
{
    public const string RowKey = "head";

    public required string InstanceId { get; init; }
    public required string Name { get; set; }
    public string Version { get; set; } = "";
    public OrchestrationRuntimeStatus Status { get; set; }
    public required string ExecutionId { get; set; }
    public int Generation { get; set; }
    public int NextSequence { get; set; }
    public string UnsentFrom { get; set; } = "";
    public string? Input { get; set; }
    public string? Output { get; set; }
    public string? CustomStatus { get; set; }
    public TaskFailureDetails? Failure { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastUpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? ScheduledStartTime { get; set; }
    public ParentOrchestrationInstance? Parent { get; set; }
    public ETag ETag { get; set; }

    public InstanceHead Clone() => (InstanceHead)MemberwiseClone();

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(InstanceId, RowKey)
        {
            ["Name"] = Name,
            ["Version"] = Version,
            ["Status"] = Status.ToString(),
            ["ExecutionId"] = ExecutionId,
            ["Generation"] = Generation,
            ["NextSequence"] = NextSequence,
            ["UnsentFrom"] = UnsentFrom,
            ["CreatedAt"] = CreatedAt,
            ["LastUpdatedAt"] = LastUpdatedAt,
        };
        if (CompletedAt is { } completed)
            entity["CompletedAt"] = completed;
        if (ScheduledStartTime is { } start)
            entity["ScheduledStartTime"] = start;
        if (Parent is not null)
            entity["Parent"] = DurableJson.Serialize(Parent);
        if (Failure is not null)
            PayloadColumns.Write(entity, "Failure", DurableJson.Serialize(Failure));
        PayloadColumns.Write(entity, "Input", Input);
        PayloadColumns.Write(entity, "Output", Output);
        PayloadColumns.Write(entity, "CustomStatus", CustomStatus);
        return entity;
    }

    public static InstanceHead FromEntity(TableEntity entity) => new()
    {
        InstanceId = entity.PartitionKey,
        Name = entity.GetString("Name") ?? "",
        Version = entity.GetString("Version") ?? "",
        Status = Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
        ExecutionId = entity.GetString("ExecutionId") ?? "",
        Generation = entity.GetInt32("Generation") ?? 0,
        NextSequence = entity.GetInt32("NextSequence") ?? 0,
        UnsentFrom = entity.GetString("UnsentFrom") ?? "",
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? default,
        CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
        ScheduledStartTime = entity.GetDateTimeOffset("ScheduledStartTime"),
        Parent = DurableJson.Deserialize<ParentOrchestrationInstance>(entity.GetString("Parent")),
        Failure = DurableJson.Deserialize<TaskFailureDetails>(PayloadColumns.Read(entity, "Failure")),
        Input = PayloadColumns.Read(entity, "Input"),
        Output = PayloadColumns.Read(entity, "Output"),
        CustomStatus = PayloadColumns.Read(entity, "CustomStatus"),
        ETag = entity.ETag,
    };

    public OrchestrationMetadata ToMetadata(bool withPayloads) => new(Name, InstanceId)
    {
        Version = Version,
        RuntimeStatus = Status,
        CreatedAt = CreatedAt,
        LastUpdatedAt = LastUpdatedAt,
        ScheduledStartTime = ScheduledStartTime,
        FailureDetails = Failure,
        SerializedInput = withPayloads ? Input : null,
        SerializedOutput = withPayloads ? Output : null,
        SerializedCustomStatus = withPayloads ? CustomStatus : null,
        RequestedInputsAndOutputs = withPayloads,
    };
}
