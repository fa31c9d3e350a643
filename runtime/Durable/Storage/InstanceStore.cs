using Azure;
using Gonghui.Storage.Tables;

namespace Gonghui.Durable.Storage;

/// <summary>Reads and writes instances: head and history in one transaction per step, and the instances index.</summary>
internal sealed class InstanceStore(TaskHub hub)
{
    private const int MaxTransactionOperations = 100;

    public async Task<InstanceHead?> ReadHeadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await hub.History.GetEntityIfExistsAsync(instanceId, InstanceHead.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? InstanceHead.FromEntity(response.Value!) : null;
    }

    /// <summary>Loads head and history (two requests): the current execution, and any earlier rows still marked unsent.</summary>
    public async Task<LoadedInstance> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (head is null)
            return new LoadedInstance(null, [], [], OutboxSent: true);
        var currentStart = HistoryRows.GenerationStart(head.Generation);
        var from = head.UnsentFrom.Length > 0 && string.CompareOrdinal(head.UnsentFrom, currentStart) < 0 ? head.UnsentFrom : currentStart;
        var filter = TableOdataFilter.Create($"PartitionKey eq {instanceId} and RowKey ge {from} and RowKey lt {InstanceHead.RowKey}");
        var events = new List<HistoryEvent>();
        var unsent = new List<(string, HistoryEvent)>();
        await foreach (var row in hub.History.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var rowEvents = HistoryRows.Read(row);
            if (HistoryRows.GenerationOf(row.RowKey) == head.Generation)
                events.AddRange(rowEvents);
            if (head.UnsentFrom.Length > 0 && string.CompareOrdinal(row.RowKey, head.UnsentFrom) >= 0)
                unsent.AddRange(rowEvents.Select(e => (row.GetString("ExecutionId") ?? head.ExecutionId, e)));
        }
        return new LoadedInstance(head, events, unsent, OutboxSent: false);
    }

    /// <summary>The current execution's history (for GetOrchestrationHistoryAsync).</summary>
    public async Task<List<HistoryEvent>> ReadHistoryAsync(InstanceHead head, CancellationToken cancellationToken)
    {
        var filter = TableOdataFilter.Create(
            $"PartitionKey eq {head.InstanceId} and RowKey ge {HistoryRows.GenerationStart(head.Generation)} and RowKey lt {HistoryRows.GenerationStart(head.Generation + 1)}");
        var events = new List<HistoryEvent>();
        await foreach (var row in hub.History.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            events.AddRange(HistoryRows.Read(row));
        return events;
    }

    /// <summary>
    /// Writes the head (insert when <paramref name="isNew"/>, else replace if its ETag still matches) and the new
    /// history rows in one entity-group transaction; returns the head's new ETag.
    /// </summary>
    public async Task<ETag> CommitAsync(InstanceHead head, bool isNew, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            isNew
                ? new TableTransactionAction(TableTransactionActionType.Add, head.ToEntity())
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, head.ToEntity(), head.ETag),
        };
        actions.AddRange(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        if (actions.Count > MaxTransactionOperations)
            throw new InvalidOperationException($"A step of instance '{head.InstanceId}' needs {actions.Count} writes; one transaction holds {MaxTransactionOperations}.");
        try
        {
            var results = await hub.History.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return results.Value[0].ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException(head.InstanceId, ex);
        }
    }

    public async Task<ETag> InsertPendingHeadAsync(InstanceHead head, CancellationToken cancellationToken)
    {
        var response = await hub.History.AddEntityAsync(head.ToEntity(), cancellationToken).ConfigureAwait(false);
        return response.Headers.ETag ?? default;
    }

    public async Task<ETag> ReplaceHeadAsync(InstanceHead head, CancellationToken cancellationToken)
    {
        var response = await hub.History.UpdateEntityAsync(head.ToEntity(), head.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return response.Headers.ETag ?? default;
    }

    public Task UpsertIndexAsync(InstanceHead head, CancellationToken cancellationToken) =>
        hub.Instances.UpsertEntityAsync(ToIndexEntity(head), TableUpdateMode.Replace, cancellationToken);

    public static TableEntity ToIndexEntity(InstanceHead head)
    {
        var entity = new TableEntity(head.InstanceId, "")
        {
            ["Name"] = head.Name,
            ["Version"] = head.Version,
            ["Status"] = head.Status.ToString(),
            ["ExecutionId"] = head.ExecutionId,
            ["CreatedAt"] = head.CreatedAt,
            ["LastUpdatedAt"] = head.LastUpdatedAt,
        };
        if (head.ScheduledStartTime is { } start)
            entity["ScheduledStartTime"] = start;
        return entity;
    }

    public static OrchestrationMetadata FromIndexEntity(TableEntity entity) => new(entity.GetString("Name") ?? "", entity.PartitionKey)
    {
        Version = entity.GetString("Version"),
        RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? default,
        ScheduledStartTime = entity.GetDateTimeOffset("ScheduledStartTime"),
    };

    public static string? IndexFilter(DateTimeOffset? createdFrom, DateTimeOffset? createdTo,
        IEnumerable<OrchestrationRuntimeStatus>? statuses, string? instanceIdPrefix)
    {
        var statusList = statuses?.Distinct().ToList();
        string? statusClause = statusList is { Count: > 0 }
            ? string.Join(" or ", statusList.Select(s => TableOdataFilter.Create($"Status eq {s.ToString()}")))
            : null;
        string? prefixClause = null;
        if (!string.IsNullOrEmpty(instanceIdPrefix))
        {
            var upper = instanceIdPrefix[..^1] + (char)(instanceIdPrefix[^1] + 1);
            prefixClause = TableOdataFilter.Create($"PartitionKey ge {instanceIdPrefix} and PartitionKey lt {upper}");
        }
        return TableOdataFilter.And(
            createdFrom is { } from ? TableOdataFilter.Create($"CreatedAt ge {from}") : null,
            createdTo is { } to ? TableOdataFilter.Create($"CreatedAt le {to}") : null,
            statusClause,
            prefixClause);
    }

    /// <summary>Deletes every row of the instance (head, all generations' history), its index row and stored payloads.</summary>
    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await DeletePartitionAsync(hub.History, instanceId, cancellationToken).ConfigureAwait(false);
        await DeletePartitionAsync(hub.Payloads, instanceId, cancellationToken).ConfigureAwait(false);
        await hub.Instances.DeleteEntityAsync(instanceId, "", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var filter = TableOdataFilter.Create($"PartitionKey eq {partitionKey}");
        var keys = new List<TableEntity>();
        await foreach (var row in table.QueryAsync(filter, select: [TableEntity.RowKeyName], cancellationToken: cancellationToken).ConfigureAwait(false))
            keys.Add(new TableEntity(partitionKey, row.RowKey));
        foreach (var chunk in keys.Chunk(MaxTransactionOperations))
            await table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, k)), cancellationToken).ConfigureAwait(false);
    }
}
