using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeInstancesFilter = Microsoft.DurableTask.Client.PurgeInstancesFilter;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Gonghui.LocalHost.Durable;

/// <summary>
/// A <see cref="DurableTaskClient"/> over the Durable Task Framework's orchestration service client: the same
/// <c>AzureStorageOrchestrationService</c> instance the worker polls, so a start or an event sent from this process
/// wakes the worker at once instead of after its polling back-off. Hand-written because the official adapter for this
/// (Microsoft.DurableTask.Client.OrchestrationServiceClientShim) is not served by the registry this project restores
/// from; it implements what the app and the management API use. Its <see cref="DurableTaskClient.Name"/> is the task hub's.
/// </summary>
public sealed class TaskHubDurableTaskClient(
    string hubName,
    IOrchestrationServiceClient service,
    IOrchestrationServiceQueryClient queries,
    IOrchestrationServicePurgeClient purges,
    DataConverter converter) : DurableTaskClient(hubName)
{
    /// <summary>What a start dedupes against when the caller names no statuses: a live instance, as Durable Functions does.</summary>
    private static readonly OrchestrationStatus[] LiveStatuses = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    /// <summary>Waits poll the instance row, from every 50 ms up to once a second, so that many waiters do not flood storage.</summary>
    private static readonly TimeSpan FirstWaitPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestWaitPoll = TimeSpan.FromSeconds(1);

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? "",
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags) : null,
        };
        var dedupe = options?.DedupeStatuses is { } statuses ? [.. statuses.Select(s => Enum.Parse<OrchestrationStatus>(s))] : LiveStatuses;
        cancellation.ThrowIfCancellationRequested();
        await service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (options?.Recursive == true)
            throw new NotSupportedException("This client does not terminate sub-orchestrations recursively.");
        cancellation.ThrowIfCancellationRequested();
        // The reason becomes the instance's output, which readers deserialize: store it as JSON like any output.
        return service.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output));
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault(s => s?.OrchestrationInstance is not null) is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (string? continuation, int? pageSize, CancellationToken cancellation) =>
        {
            var query = new CoreOrchestrationQuery
            {
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                RuntimeStatus = filter?.Statuses?.Select(ToCore).ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await queries.GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page<OrchestrationMetadata>(
                [.. result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs))],
                string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false,
        CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false,
        CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var result = await purges.PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var result = await purges.PurgeInstanceStateAsync(new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(ToCore)));
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>The instance's history as the task hub's history table holds it (JSON, one object per event), or null for no instance.</summary>
    public async Task<string?> GetHistoryJsonAsync(string instanceId, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault()?.OrchestrationInstance is { } instance
            ? await service.GetOrchestrationHistoryAsync(instanceId, instance.ExecutionId)
            : null;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> reached,
        CancellationToken cancellation)
    {
        var poll = FirstWaitPoll;
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { } metadata && reached(metadata))
                return metadata;
            await Task.Delay(poll, cancellation);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestWaitPoll.Ticks));
        }
    }

    private Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = message,
        });
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = converter,
        RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads ? state.Output : null,
        SerializedCustomStatus = withPayloads ? state.Status : null,
        Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags) : new Dictionary<string, string>(),
        FailureDetails = state.FailureDetails is { } failure ? ToFailure(failure) : null,
    };

    private static TaskFailureDetails ToFailure(FailureDetails failure) =>
        new(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is { } inner ? ToFailure(inner) : null, Properties: null);

    private static OrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => (OrchestrationStatus)status;
}
