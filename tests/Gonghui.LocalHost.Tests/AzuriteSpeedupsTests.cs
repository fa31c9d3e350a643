using Azure.Data.Tables;
using Azure.Storage.Queues;
using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// The preload every Azurite of the tests, benchmarks and run.sh starts with (azurite-loki-speedups.cjs) changes how
/// fast Azurite answers, never what: the same entity queries and queue receives, on an Azurite with it and on one as
/// shipped, answer the same, and what the filters and expiry times say.
/// </summary>
public sealed class AzuriteSpeedupsTests(AzuriteFixture azurite, AzuriteAsShippedFixture shipped)
    : IClassFixture<AzuriteFixture>, IClassFixture<AzuriteAsShippedFixture>
{
    private static readonly string[] Partitions = ["a", "b", "c", "a'b"];

    public static TheoryData<string, Func<TableEntity, bool>> Filters => new()
    {
        { "PartitionKey eq 'a'", e => e.PartitionKey == "a" },
        { "PartitionKey eq 'a' and (RowKey eq 'r03' or N eq 7)", e => e.PartitionKey == "a" && (e.RowKey == "r03" || e.GetInt32("N") == 7) },
        { "PartitionKey eq 'a' or RowKey eq 'r05'", e => e.PartitionKey == "a" || e.RowKey == "r05" },
        { "RowKey ge 'r10' and 'b' eq PartitionKey", e => e.PartitionKey == "b" && string.CompareOrdinal(e.RowKey, "r10") >= 0 },
        { "not (PartitionKey eq 'a')", e => e.PartitionKey != "a" },
        { "PartitionKey ne 'a' and N lt 5", e => e.PartitionKey != "a" && e.GetInt32("N") < 5 },
        { "PartitionKey eq 'a''b'", e => e.PartitionKey == "a'b" },
        { "(PartitionKey eq 'a' and N gt 3) or (PartitionKey eq 'c' and N lt 2)",
            e => (e.PartitionKey == "a" && e.GetInt32("N") > 3) || (e.PartitionKey == "c" && e.GetInt32("N") < 2) },
        { "PartitionKey eq 'a' and PartitionKey eq 'b'", _ => false },
        { "PartitionKey eq 'zz'", _ => false },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task An_entity_query_answers_the_same_rows_in_the_same_pages_as_azurite_as_shipped(string filter, Func<TableEntity, bool> matches)
    {
        var name = AzuriteServer.UniqueName("speedups");
        var rows = Partitions.SelectMany(partition => Enumerable.Range(0, 20).Select(i =>
            new TableEntity(partition, $"r{i:00}") { ["N"] = i % 10, ["S"] = $"{partition}-{i}" })).ToList();
        var expected = rows.Where(matches).OrderBy(e => e.PartitionKey, StringComparer.Ordinal).ThenBy(e => e.RowKey, StringComparer.Ordinal)
            .Select(e => $"{e.PartitionKey}/{e.RowKey}").ToList();

        var withPreload = await PagesAsync(azurite.Server, name, rows, filter);
        var asShipped = await PagesAsync(shipped.Server, name, rows, filter);

        Assert.Equal(asShipped, withPreload);
        Assert.Equal(expected, withPreload.SelectMany(page => page).ToList());
    }

    [Fact]
    public async Task Expired_messages_are_neither_received_nor_counted_beside_invisible_ones_as_in_azurite_as_shipped()
    {
        var withPreload = await ReceiveAfterExpiryAsync(azurite.Server);
        var asShipped = await ReceiveAfterExpiryAsync(shipped.Server);

        Assert.Equal(asShipped, withPreload);
        Assert.Equal(new QueueAfterExpiry("live-0, live-1, live-2, live-3, live-4", 10, 5), withPreload);
    }

    /// <summary>Stores the rows, then reads the filter's answer page by page, seven rows a page (so continuations are followed).</summary>
    private static async Task<List<List<string>>> PagesAsync(AzuriteServer server, string tableName, IEnumerable<TableEntity> rows, string filter)
    {
        var table = server.CreateTableServiceClient().GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        foreach (var partition in rows.GroupBy(row => row.PartitionKey))
            await table.SubmitTransactionAsync(partition.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
        var pages = new List<List<string>>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 7).AsPages())
        {
            if (page.Values.Count > 0)
                pages.Add([.. page.Values.Select(e => $"{e.PartitionKey}/{e.RowKey}")]);
        }
        return pages;
    }

    /// <summary>
    /// Five messages that expire after a second, five invisible for an hour (as the durable task hub's timers are) and
    /// five live ones: after the five expire, what a receive gets, how many messages the queue then holds, and how
    /// many remain after the received ones are deleted.
    /// </summary>
    private static async Task<QueueAfterExpiry> ReceiveAfterExpiryAsync(AzuriteServer server)
    {
        var queue = server.CreateQueueServiceClient().GetQueueClient(AzuriteServer.UniqueName("speedups"));
        await queue.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"expiring-{i}", timeToLive: TimeSpan.FromSeconds(1));
            await queue.SendMessageAsync($"timer-{i}", visibilityTimeout: TimeSpan.FromHours(1));
            await queue.SendMessageAsync($"live-{i}");
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        var received = (await queue.ReceiveMessagesAsync(32)).Value;
        var countAfterExpiry = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        foreach (var message in received)
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        var countAfterDelete = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        return new QueueAfterExpiry(string.Join(", ", received.Select(m => m.Body.ToString()).Order(StringComparer.Ordinal)), countAfterExpiry, countAfterDelete);
    }

    private sealed record QueueAfterExpiry(string Received, int CountAfterExpiry, int CountAfterDelete);
}
