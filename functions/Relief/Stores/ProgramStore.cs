using Gonghui.Functions.Json;
using Azure.Data.Tables;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Stores;

/// <summary>
/// Relief programs as admin-editable rows (one per code). A default program never stored is served as
/// <see cref="ReliefProgramDefaults"/> has it, so a fresh install works without seeding.
/// </summary>
public sealed class ProgramStore(TableServiceClient tables)
{
    public const string TableName = "ReliefPrograms";
    private const string Partition = "program";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<IReadOnlyList<ReliefProgram>> ListAsync(CancellationToken cancellationToken = default)
    {
        var stored = new Dictionary<string, ReliefProgram>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
            stored[row.RowKey] = AppJson.Deserialize<ReliefProgram>(row.GetString("Json")!);
        foreach (var program in ReliefProgramDefaults.All)
            stored.TryAdd(program.Code, program);
        return [.. stored.Values.OrderBy(p => p.Code, StringComparer.Ordinal)];
    }

    public async Task<ReliefProgram?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(p => p.Code == code);

    public async Task SaveAsync(ReliefProgram program, CancellationToken cancellationToken = default)
    {
        await _table.UpsertEntityAsync(new TableEntity(Partition, program.Code) { ["Json"] = AppJson.Serialize(program) },
            TableUpdateMode.Replace, cancellationToken);
    }
}
