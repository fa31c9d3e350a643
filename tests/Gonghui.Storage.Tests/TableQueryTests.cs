using Gonghui.Storage.Tables;
using Gonghui.Testing;

namespace Gonghui.Storage.Tests;

public sealed class TableQueryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Paging_through_2500_entities_by_continuation_loses_and_repeats_none()
    {
        var table = new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(AzuriteServer.UniqueName("page"));
        await table.CreateIfNotExistsAsync();
        var partitions = new[] { "a", "b", "c" };
        var expected = new HashSet<string>();
        foreach (var partition in partitions)
        {
            var keys = Enumerable.Range(0, 850).Select(i => i.ToString("D4")).ToList();
            foreach (var chunk in keys.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(
                    TableTransactionActionType.Add, new TableEntity(partition, k) { ["N"] = int.Parse(k) })));
            }
            expected.UnionWith(keys.Select(k => partition + "/" + k));
        }

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        await foreach (var page in table.QueryAsync(maxPerPage: 400).AsPages())
        {
            pages++;
            Assert.True(page.Values.Count <= 400);
            seen.AddRange(page.Values.Select(e => e.PartitionKey + "/" + e.RowKey));
            token ??= page.ContinuationToken;
        }

        Assert.Equal(2550, seen.Count);
        Assert.Equal(expected, seen.ToHashSet());
        Assert.True(pages >= 7, $"expected at least 7 pages, got {pages}");

        // A saved continuation token resumes where its page ended.
        var resumed = new List<string>();
        await foreach (var page in table.QueryAsync(maxPerPage: 400).AsPages(token))
            resumed.AddRange(page.Values.Select(e => e.PartitionKey + "/" + e.RowKey));
        Assert.Equal(seen.Skip(400), resumed);
    }

    [Fact]
    public async Task Filter_and_select_narrow_the_result()
    {
        var table = new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(AzuriteServer.UniqueName("filter"));
        await table.CreateIfNotExistsAsync();
        var since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", i.ToString())
            {
                ["Region"] = i % 2 == 0 ? "东城区" : "西城区",
                ["Created"] = since.AddDays(i),
                ["Amount"] = 1000L * i,
                ["Note"] = "n" + i,
            });
        }

        var filter = TableOdataFilter.And(
            TableOdataFilter.Create($"Region eq {"东城区"}"),
            TableOdataFilter.Create($"Created ge {since.AddDays(4)}"),
            TableOdataFilter.Create($"Amount lt {8000L}"));
        var found = await table.QueryAsync(filter, select: ["Region", "Amount"]).ToListAsync();

        Assert.Equal(["4", "6"], found.Select(e => e.RowKey));
        Assert.All(found, e => Assert.False(e.ContainsKey("Note")));
        Assert.Equal(6000L, found[1].GetInt64("Amount"));
    }

    [Theory]
    [InlineData("' or 1 eq 1 or ''='")]
    [InlineData("x') or (PartitionKey ne '")]
    public async Task Injection_shaped_values_match_only_themselves(string hostile)
    {
        var table = new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(AzuriteServer.UniqueName("inject"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "1") { ["Name"] = "alice" });
        await table.AddEntityAsync(new TableEntity("p", "2") { ["Name"] = hostile });

        var found = await table.QueryAsync(TableOdataFilter.Create($"Name eq {hostile}")).ToListAsync();
        Assert.Equal("2", Assert.Single(found).RowKey);
    }
}
