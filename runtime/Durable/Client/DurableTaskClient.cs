using Azure;
using Gonghui.Durable.Storage;
using Gonghui.Durable.Worker;

namespace Gonghui.Durable;

/// <summary>
/// Starts, queries and manages orchestration instances, as Microsoft.DurableTask's DurableTaskClient. Commands to
/// running instances (events, terminate, suspend, resume) are queue messages to the instance's control queue;
/// queries read the head row (one instance) or the instances index (lists).
/// </summary>
public class DurableTaskClient
{
    private static readonly TimeSpan MaxWaitPollingInterval = TimeSpan.FromSeconds(1);

    private readonly TaskHub _hub;
    private readonly InstanceStore _store;
    private readonly InstanceCache _cache;
    private readonly InstanceChangeSignals _instanceChanges;
    private readonly TimeProvider _time;
    private readonly LocalDelivery _delivery;

    internal DurableTaskClient(TaskHub hub, InstanceStore store, InstanceCache cache, InstanceChangeSignals instanceChanges, TimeProvider time, LocalDelivery delivery)
    {
        _delivery = delivery;
        _hub = hub;
        _store = store;
        _cache = cache;
        _instanceChanges = instanceChanges;
        _time = time;
    }

    public string HubName => _hub.Options.HubName;

    public Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellation) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellation);

    public Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, StartOrchestrationOptions options, CancellationToken cancellation = default) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, options, cancellation);

    /// <summary>
    /// Schedules a new instance and returns its id. An id that belongs to an instance that has not finished is
    /// refused with <see cref="OrchestrationAlreadyExistsException"/>; a finished one is started afresh.
    /// </summary>
    public virtual async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        await _hub.EnsureCreatedAsync().WaitAsync(cancellation).ConfigureAwait(false);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var serializedInput = DurableJson.Serialize(input);
        PayloadColumns.EnsureStorable("The orchestration input", serializedInput);
        var existing = options?.InstanceId is null ? null : await _store.ReadHeadAsync(instanceId, cancellation).ConfigureAwait(false);
        if (existing is not null && !existing.Status.IsTerminal())
            throw new OrchestrationAlreadyExistsException(instanceId, existing.Status);

        var now = _time.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var version = options?.Version ?? orchestratorName.Version ?? "";
        var head = new InstanceHead
        {
            InstanceId = instanceId,
            Name = orchestratorName.Name,
            Version = version,
            Status = OrchestrationRuntimeStatus.Pending,
            ExecutionId = executionId,
            Generation = existing is null ? 0 : existing.Generation + 1,
            Input = serializedInput,
            CreatedAt = now,
            LastUpdatedAt = now,
            ScheduledStartTime = options?.StartAt,
        };
        // The start message is sent before the head is written: if this process dies in between, the worker creates
        // the instance from the message; if the head write loses a race, the worker drops the message (other execution).
        var start = new TaskMessage(executionId, instanceId, executionId, new HistoryEvent(EventType.ExecutionStarted, now)
        {
            Name = orchestratorName.Name,
            Version = version,
            Input = serializedInput,
            ExecutionId = executionId,
            ScheduledStartTime = options?.StartAt,
        });
        var hiddenCopy = await _delivery.SendHiddenAsync(start, cancellation).ConfigureAwait(false);
        try
        {
            if (existing is null)
            {
                head.ETag = await _store.InsertPendingHeadAsync(head, cancellation).ConfigureAwait(false);
            }
            else
            {
                head.ETag = existing.ETag;
                head.ETag = await _store.ReplaceHeadAsync(head, cancellation).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            var winner = await _store.ReadHeadAsync(instanceId, cancellation).ConfigureAwait(false);
            if (winner?.ExecutionId != executionId)
                throw new OrchestrationAlreadyExistsException(instanceId, winner?.Status ?? OrchestrationRuntimeStatus.Pending);
            // A worker already created the instance from the start message: it is ours and running.
            return instanceId;
        }
        var indexETag = await _store.UpdateIndexAsync(head, knownETag: null, expectNew: existing is null, cancellation).ConfigureAwait(false);
        _cache.Set(instanceId, new LoadedInstance(head, [], [], OutboxSent: true, indexETag));
        _delivery.Submit(start, hiddenCopy);
        return instanceId;
    }

    /// <summary>Sends an event to an instance; events that arrive before the orchestrator waits for them are buffered.</summary>
    public virtual async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var payload = DurableJson.Serialize(eventPayload);
        PayloadColumns.EnsureStorable($"The data of event '{eventName}'", payload);
        var messageId = Guid.NewGuid().ToString("N");
        await SendCommandAsync(instanceId, null, new HistoryEvent(EventType.EventRaised, _time.GetUtcNow())
        {
            Name = eventName,
            Input = payload,
            MessageId = messageId,
        }, messageId, cancellation).ConfigureAwait(false);
        _hub.Options.FaultInjection?.Invoke("raise-event");
    }

    public virtual Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default) =>
        SendCommandAsync(instanceId, null, new HistoryEvent(EventType.ExecutionTerminated, _time.GetUtcNow()) { Input = DurableJson.Serialize(output) },
            Guid.NewGuid().ToString("N"), cancellation);

    public virtual Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendCommandAsync(instanceId, null, new HistoryEvent(EventType.ExecutionSuspended, _time.GetUtcNow()) { Input = DurableJson.Serialize(reason) },
            Guid.NewGuid().ToString("N"), cancellation);

    public virtual Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendCommandAsync(instanceId, null, new HistoryEvent(EventType.ExecutionResumed, _time.GetUtcNow()) { Input = DurableJson.Serialize(reason) },
            Guid.NewGuid().ToString("N"), cancellation);

    public virtual async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        await _hub.EnsureCreatedAsync().WaitAsync(cancellation).ConfigureAwait(false);
        var head = await _store.ReadHeadAsync(instanceId, cancellation).ConfigureAwait(false);
        return head?.ToMetadata(getInputsAndOutputs);
    }

    /// <summary>Waits until the instance has started (is no longer Pending). Throws when it does not exist.</summary>
    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, s => s != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <summary>Waits until the instance is Completed, Failed, Terminated or Canceled. Throws when it does not exist.</summary>
    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, s => s.IsTerminal(), cancellation);

    /// <summary>Lists instances from the instances index, filtered and paged.</summary>
    public virtual AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        filter ??= new OrchestrationQuery();
        var odata = InstanceStore.IndexFilter(filter.CreatedFrom, filter.CreatedTo, filter.Statuses, filter.InstanceIdPrefix);
        return new DelegatePageable<OrchestrationMetadata>(async (token, size) =>
        {
            await _hub.EnsureCreatedAsync().ConfigureAwait(false);
            await foreach (var page in _hub.Instances.QueryAsync(odata, size ?? filter.PageSize).AsPages(token ?? filter.ContinuationToken).ConfigureAwait(false))
            {
                var items = new List<OrchestrationMetadata>();
                foreach (var entity in page.Values)
                {
                    if (!filter.FetchInputsAndOutputs)
                        items.Add(InstanceStore.FromIndexEntity(entity));
                    else if (await _store.ReadHeadAsync(entity.PartitionKey, CancellationToken.None).ConfigureAwait(false) is { } head)
                        items.Add(head.ToMetadata(true));
                }
                return Page<OrchestrationMetadata>.FromValues(items, page.ContinuationToken, page.GetRawResponse());
            }
            throw new InvalidOperationException("The instances query returned no page.");
        });
    }

    /// <summary>The current execution's history, oldest first. Empty when the instance does not exist.</summary>
    public virtual async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        var head = await _store.ReadHeadAsync(instanceId, cancellation).ConfigureAwait(false);
        return head is null ? [] : await _store.ReadHistoryAsync(head, cancellation).ConfigureAwait(false);
    }

    /// <summary>Deletes a finished instance's head, history, index row and payloads. Running instances are not purged.</summary>
    public virtual async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        var head = await _store.ReadHeadAsync(instanceId, cancellation).ConfigureAwait(false);
        if (head is null || !head.Status.IsTerminal())
            return new PurgeResult(0);
        await _store.DeleteInstanceAsync(instanceId, cancellation).ConfigureAwait(false);
        _cache.Remove(instanceId);
        return new PurgeResult(1);
    }

    /// <summary>Purges every finished instance the filter selects (by default: all terminal statuses).</summary>
    public virtual async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        var statuses = filter.Statuses?.Where(s => s.IsTerminal()).ToList() is { Count: > 0 } chosen
            ? chosen
            : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];
        var purged = 0;
        await foreach (var instance in GetAllInstancesAsync(new OrchestrationQuery(filter.CreatedFrom, filter.CreatedTo, statuses)).WithCancellation(cancellation).ConfigureAwait(false))
            purged += (await PurgeInstanceAsync(instance.InstanceId, cancellation).ConfigureAwait(false)).PurgedInstanceCount;
        return new PurgeResult(purged);
    }

    /// <summary>
    /// Rewrites index rows that disagree with their head rows (the head is the truth) and removes index rows
    /// whose instance is gone; returns how many rows it fixed.
    /// </summary>
    public virtual async Task<int> RepairInstancesIndexAsync(CancellationToken cancellation = default)
    {
        var heads = new Dictionary<string, InstanceHead>(StringComparer.Ordinal);
        await foreach (var entity in _hub.History.QueryAsync(Gonghui.Storage.Tables.TableOdataFilter.Create($"RowKey eq {InstanceHead.RowKey}"), cancellationToken: cancellation).ConfigureAwait(false))
            heads[entity.PartitionKey] = InstanceHead.FromEntity(entity);
        var fixedRows = 0;
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in _hub.Instances.QueryAsync(cancellationToken: cancellation).ConfigureAwait(false))
        {
            indexed.Add(entity.PartitionKey);
            if (!heads.TryGetValue(entity.PartitionKey, out var head))
            {
                await _hub.Instances.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, cancellationToken: cancellation).ConfigureAwait(false);
                fixedRows++;
            }
            else if (entity.GetString("Status") != head.Status.ToString() || entity.GetString("ExecutionId") != head.ExecutionId)
            {
                await _store.ReplaceIndexAsync(head, cancellation).ConfigureAwait(false);
                fixedRows++;
            }
        }
        foreach (var head in heads.Values.Where(h => !indexed.Contains(h.InstanceId)))
        {
            await _store.ReplaceIndexAsync(head, cancellation).ConfigureAwait(false);
            fixedRows++;
        }
        return fixedRows;
    }

    private async Task SendCommandAsync(string instanceId, string? executionId, HistoryEvent command, string messageId, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await _hub.EnsureCreatedAsync().WaitAsync(cancellation).ConfigureAwait(false);
        await _delivery.ApplyAsync(new TaskMessage(messageId, instanceId, executionId, command), cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the head, then waits for a change: a step committed in this process reports the new status (read again
    /// only when it is the awaited one); changes made elsewhere are found by polling, backing off to 1 s.
    /// </summary>
    private async Task<OrchestrationMetadata> WaitForAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationRuntimeStatus, bool> done,
        CancellationToken cancellation)
    {
        var interval = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var changed = _instanceChanges.InstanceChanged(instanceId);
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
            if (done(metadata.RuntimeStatus))
                return metadata;
            while (true)
            {
                var delay = Task.Delay(interval, _time, cancellation);
                if (await Task.WhenAny(changed, delay).ConfigureAwait(false) == delay)
                    break;
                if (done(changed.Result))
                    break;
                changed = _instanceChanges.InstanceChanged(instanceId);
            }
            cancellation.ThrowIfCancellationRequested();
            interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 2, MaxWaitPollingInterval.TotalMilliseconds));
        }
    }
}
