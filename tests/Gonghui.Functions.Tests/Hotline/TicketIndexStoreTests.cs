using Azure.Data.Tables;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Testing;
using static Gonghui.Functions.Tests.Hotline.HotlineTestData;

namespace Gonghui.Functions.Tests.Hotline;

/// <summary>
/// The list index on Azurite: tickets are spread over several partitions, so intake does not write to one partition
/// key, and a list still pages newest first across them, with filters, each ticket once.
/// </summary>
public sealed class TicketIndexStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset FirstCall = Local(2026, 11, 16, 9, 0);
    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Tickets_spread_over_partitions_are_listed_newest_first_page_by_page()
    {
        var tables = _azurite.CreateTableServiceClient();
        var store = new TicketIndexStore(tables);
        // Every other ticket is a hardship call; they arrive seven minutes apart, indexed in no particular order.
        var tickets = Enumerable.Range(0, 23)
            .Select(i => Open(FirstCall.AddMinutes(7 * i), Intake(i % 2 == 1 ? TicketCategory.Hardship : TicketCategory.Consultation),
                $"ticket-{i:D2}", i + 1))
            .ToList();
        await Task.WhenAll(tickets.AsEnumerable().Reverse().Select(ticket => store.IndexAsync(ticket, null, CancellationToken.None)));

        var partitions = new HashSet<string>();
        await foreach (var row in tables.GetTableClient(TicketIndexStore.ListTable).QueryAsync<TableEntity>(select: ["PartitionKey"]))
            partitions.Add(row.PartitionKey);
        Assert.Equal(TicketIndexStore.ListBuckets, partitions.Count);

        Assert.Equal(tickets.OrderByDescending(t => t.ReceivedAt).Select(t => t.Id), await ListAllAsync(store, new TicketListQuery(PageSize: 5)));
        Assert.Equal(
            tickets.Where(t => t.Category == TicketCategory.Hardship).OrderByDescending(t => t.ReceivedAt).Select(t => t.Id),
            await ListAllAsync(store, new TicketListQuery(Category: TicketCategory.Hardship, PageSize: 2)));
        Assert.Equal(tickets.Select(t => t.Id).Order(), (await ListAllAsync(store, new TicketListQuery(PageSize: 200))).Order());
    }

    /// <summary>Every page in turn; asserts each holds at most the page size.</summary>
    private static async Task<List<string>> ListAllAsync(TicketIndexStore store, TicketListQuery query)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var (items, next) = await store.ListAsync(query with { ContinuationToken = token }, FirstCall.AddDays(1), CancellationToken.None);
            Assert.True(items.Count <= query.PageSize, $"{items.Count} items on a page of {query.PageSize}");
            ids.AddRange(items.Select(item => item.Id));
            token = next;
        } while (token is not null);
        return ids;
    }
}
