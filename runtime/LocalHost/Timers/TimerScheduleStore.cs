using Azure;
using Azure.Data.Tables;

namespace Gonghui.LocalHost.Timers;

/// <summary>
/// Each timer's schedule status in the table <see cref="TableName"/> (PartitionKey = host id, RowKey = function name).
/// An instance runs an occurrence only after it wrote that occurrence as Last with the row's ETag (or created the row):
/// of any number of app instances exactly one wins each occurrence, the others get 412/409 and skip it.
/// </summary>
public sealed class TimerScheduleStore(TableServiceClient tables)
{
    public const string TableName = "TimerSchedules";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    public Task CreateTableAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<StoredTimerSchedule?> GetAsync(string hostId, string functionName, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(hostId, functionName, cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null;
        var row = found.Value!;
        return new StoredTimerSchedule(
            new TimerScheduleStatus(row.GetDateTimeOffset("Last") ?? default, row.GetDateTimeOffset("Next") ?? default,
                row.GetDateTimeOffset("LastUpdated") ?? default),
            row.GetString("Schedule") ?? "",
            row.ETag);
    }

    /// <summary>Records <paramref name="status"/> if the row is still as <paramref name="previous"/> saw it; false if another instance won.</summary>
    public async Task<bool> TryClaimAsync(string hostId, string functionName, StoredTimerSchedule? previous, TimerScheduleStatus status,
        string schedule, CancellationToken cancellationToken)
    {
        var row = new TableEntity(hostId, functionName)
        {
            ["Last"] = status.Last,
            ["Next"] = status.Next,
            ["LastUpdated"] = status.LastUpdated,
            ["Schedule"] = schedule,
        };
        try
        {
            if (previous is null)
                await _table.AddEntityAsync(row, cancellationToken);
            else
                await _table.UpdateEntityAsync(row, previous.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}

public sealed record StoredTimerSchedule(TimerScheduleStatus Status, string Schedule, ETag ETag);
