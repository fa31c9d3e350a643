using Azure.Data.Tables;

namespace Gonghui.Functions.Relief.Stores;

/// <summary>A table created on first use by this process.</summary>
internal sealed class LazyTable(TableServiceClient tables, string name)
{
    private readonly TableClient _client = tables.GetTableClient(name);
    private Task? _created;

    public async Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        var created = _created ??= _client.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            await created;
        }
        catch
        {
            _created = null;
            throw;
        }
        return _client;
    }
}
