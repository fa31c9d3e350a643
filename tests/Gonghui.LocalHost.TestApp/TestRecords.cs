using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace Gonghui.LocalHost.TestApp;

/// <summary>What the test functions did, written to the table named by the setting RecordTable for the tests to read.</summary>
public sealed class TestRecords(TableServiceClient tables, IConfiguration configuration)
{
    public async Task AddAsync(string partition, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(configuration["RecordTable"] ?? throw new InvalidOperationException("RecordTable is not set."));
        await table.CreateIfNotExistsAsync(cancellationToken);
        var entity = new TableEntity(partition, $"{DateTime.UtcNow.Ticks:D20}-{Guid.NewGuid():N}")
        {
            ["ProcessId"] = Environment.ProcessId,
        };
        foreach (var (name, value) in values)
            entity[name] = value;
        await table.AddEntityAsync(entity, cancellationToken);
    }
}
