namespace Gonghui.Durable;

/// <summary>Which finished instances to purge, as Durable Task's PurgeInstancesFilter (default statuses: every terminal one).</summary>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>How many instances a purge removed.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);
