using Azure;
using Gonghui.Storage.Tables;
using Gonghui.Testing;

namespace Gonghui.Storage.Tests;

public sealed class TableEntityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(AzuriteServer.UniqueName("t"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Fact]
    public async Task Typed_properties_round_trip_with_their_edm_types()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 11, 21, 8, 30, 15, 123, TimeSpan.Zero);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "张三 O'Brien",
            ["Int32"] = 42,
            ["Int64"] = 9_007_199_254_740_993L,
            ["Double"] = 2.0,
            ["Fraction"] = 0.1,
            ["Flag"] = true,
            ["When"] = when,
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 2, 255 },
        };
        var added = await table.AddEntityAsync(entity);
        Assert.NotNull(added.Headers.ETag);

        var read = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal("张三 O'Brien", read.GetString("Text"));
        Assert.Equal(42, read.GetInt32("Int32"));
        Assert.Equal(9_007_199_254_740_993L, read.GetInt64("Int64"));
        Assert.Equal(2.0, read.GetDouble("Double"));
        Assert.Equal(0.1, read.GetDouble("Fraction"));
        Assert.True(read.GetBoolean("Flag"));
        Assert.Equal(when, read.GetDateTimeOffset("When"));
        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read.GetBinary("Bytes"));
        Assert.NotNull(read.Timestamp);
        Assert.Equal(added.Headers.ETag, read.ETag);
    }

    [Fact]
    public async Task Duplicate_insert_fails_with_409_EntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }));
        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task Update_with_a_stale_etag_fails_with_412_and_keeps_the_winner()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var first = (await table.GetEntityAsync("p", "r")).Value;
        var second = (await table.GetEntityAsync("p", "r")).Value;

        first["V"] = 2;
        await table.UpdateEntityAsync(first, first.ETag, TableUpdateMode.Replace);
        second["V"] = 3;
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(second, second.ETag, TableUpdateMode.Replace));

        Assert.Equal(412, ex.Status);
        Assert.Equal("UpdateConditionNotSatisfied", ex.ErrorCode);
        Assert.Equal(2, (await table.GetEntityAsync("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task Merge_keeps_unnamed_properties_and_replace_drops_them()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b2" }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(("a", "b2"), (merged.GetString("A"), merged.GetString("B")));

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync("p", "r")).Value;
        Assert.False(replaced.ContainsKey("A"));
        Assert.Equal("c", replaced.GetString("C"));
    }

    [Fact]
    public async Task Delete_honours_the_etag_and_tolerates_a_missing_entity()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        var stored = (await table.GetEntityAsync("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Changed"] = true });

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stored.ETag));
        Assert.Equal(412, ex.Status);

        Assert.Equal(204, (await table.DeleteEntityAsync("p", "r")).Status);
        Assert.Equal(404, (await table.DeleteEntityAsync("p", "r")).Status);
        Assert.False((await table.GetEntityIfExistsAsync("p", "r")).HasValue);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "r"));
        Assert.Equal(404, missing.Status);
        Assert.Equal("ResourceNotFound", missing.ErrorCode);
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("张三")]
    [InlineData("a ' or 1 eq 1 or 'x")]
    [InlineData("100% & more+plus")]
    public async Task Keys_and_filter_values_with_quotes_and_unicode_round_trip(string value)
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity(value, value) { ["Name"] = value });
        await table.AddEntityAsync(new TableEntity("other", "other") { ["Name"] = "other" });

        Assert.Equal(value, (await table.GetEntityAsync(value, value)).Value.GetString("Name"));
        var found = await table.QueryAsync(TableOdataFilter.Create($"Name eq {value}")).ToListAsync();
        Assert.Equal(value, Assert.Single(found).RowKey);
    }

    [Fact]
    public async Task Create_and_delete_table_are_idempotent()
    {
        var service = new TableServiceClient(azurite.Server.ConnectionString);
        var name = AzuriteServer.UniqueName("t");
        await service.CreateTableIfNotExistsAsync(name);
        await service.CreateTableIfNotExistsAsync(name);
        await service.DeleteTableAsync(name);
        await service.DeleteTableAsync(name);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => service.GetTableClient(name).AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal(404, ex.Status);
        Assert.Equal("TableNotFound", ex.ErrorCode);
    }
}
