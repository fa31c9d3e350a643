using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Hotline;

/// <summary>FigureStore on Azurite: concurrent writers in one instance and across instances, with redelivered changes.</summary>
public sealed class FigureStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_instances_adding_to_one_busy_bucket_with_every_change_delivered_twice_count_each_change_once()
    {
        var tables = azurite.Server.CreateTableServiceClient();
        FigureStore[] instances = [new(tables), new(tables)];
        // A day far from other tests' buckets, so the shared table holds only this test's rows for it.
        var day = new DateOnly(2031, 3, 4);
        var key = new FigureBucketKey(FigureGranularity.Day, day, "370102", TicketCategory.Consultation, "370102-union");
        var received = new Dictionary<FigureBucketKey, FigureCounters> { [key] = new() { Received = 1 } };

        var changes = Enumerable.Range(0, 60).Select(i => $"figures-{Guid.NewGuid():N}").ToList();
        await Task.WhenAll(changes.SelectMany(ticket => instances.Select(store => store.ApplyAsync(ticket, 2, received, CancellationToken.None))));
        await Task.WhenAll(changes.Take(10).Select(ticket => instances[0].ApplyAsync(ticket, 2, received, CancellationToken.None)));

        var read = await new FigureStore(tables).ReadAsync([new FigureRange(FigureGranularity.Day, day, day)], CancellationToken.None);
        Assert.Equal(60, read.Where(bucket => bucket.Key == key).Sum(bucket => bucket.Value.Received));
    }
}
