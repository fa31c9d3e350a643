using Azure;
using Gonghui.Storage.Tables;
using Gonghui.Testing;

namespace Gonghui.Storage.Tests;

public sealed class TableTransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(AzuriteServer.UniqueName("tx"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Fact]
    public async Task A_transaction_commits_every_action_and_returns_their_etags()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "update") { ["V"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        var current = (await table.GetEntityAsync("p", "update")).Value;

        var results = (await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["V"] = 10 }),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "update") { ["V"] = 2 }, current.ETag),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert") { ["V"] = 3 }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ])).Value;

        Assert.Equal(4, results.Count);
        var stored = await table.QueryAsync(TableOdataFilter.Create($"PartitionKey eq {"p"}")).ToListAsync();
        Assert.Equal(["add", "update", "upsert"], stored.Select(e => e.RowKey).Order());
        Assert.Equal(2, stored.Single(e => e.RowKey == "update").GetInt32("V"));
        Assert.Equal(stored.Single(e => e.RowKey == "add").ETag, results[0].ETag);
    }

    [Fact]
    public async Task A_stale_etag_rejects_the_whole_transaction_and_names_the_action()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "head") { ["Seq"] = 1 });
        var stale = (await table.GetEntityAsync("p", "head")).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "head") { ["Seq"] = 2 }, stale.ETag);

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "event-1")),
            new(TableTransactionActionType.Add, new TableEntity("p", "event-2")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "head") { ["Seq"] = 3 }, stale.ETag),
        ]));

        Assert.Equal(412, ex.Status);
        Assert.Equal("UpdateConditionNotSatisfied", ex.ErrorCode);
        Assert.Equal(2, ex.FailedTransactionActionIndex);
        var stored = await table.QueryAsync().ToListAsync();
        Assert.Equal("head", Assert.Single(stored).RowKey);
        Assert.Equal(2, stored[0].GetInt32("Seq"));
    }

    [Fact]
    public async Task A_duplicate_add_rejects_the_whole_transaction()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "exists"));

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new(TableTransactionActionType.Add, new TableEntity("p", "exists")),
        ]));

        Assert.Equal(409, ex.Status);
        Assert.Equal(1, ex.FailedTransactionActionIndex);
        Assert.Single(await table.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task Transactions_over_the_limits_are_refused_before_sending()
    {
        var table = await NewTableAsync();
        var tooMany = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(
            TableTransactionActionType.Add, new TableEntity("p", i.ToString())));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(tooMany));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "r")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "r")),
        ]));
    }

    [Fact]
    public async Task One_hundred_actions_commit_in_one_transaction()
    {
        var table = await NewTableAsync();
        await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i => new TableTransactionAction(
            TableTransactionActionType.Add, new TableEntity("p", i.ToString("D3")) { ["Text"] = "事件 " + i })));
        var stored = await table.QueryAsync().ToListAsync();
        Assert.Equal(100, stored.Count);
        Assert.Equal("事件 99", stored.Single(e => e.RowKey == "099").GetString("Text"));
    }
}
