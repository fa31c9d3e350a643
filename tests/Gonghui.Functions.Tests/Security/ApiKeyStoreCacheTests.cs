using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Gonghui.Functions.Security;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Security;

/// <summary>The API key cache on Azurite, counting the reads of the keys table that reach storage.</summary>
public sealed class ApiKeyStoreCacheTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Requests_that_miss_the_cache_together_read_the_key_once_and_a_key_revoked_here_stops_at_once()
    {
        var reads = new KeyRowReads();
        var options = new TableClientOptions();
        options.AddPolicy(reads, HttpPipelinePosition.PerCall);
        var store = new ApiKeyStore(new TableServiceClient(azurite.Server.ConnectionString, options), TimeProvider.System, TimeSpan.FromMinutes(1));
        var created = await store.CreateAsync("缓存测试", ApiRoles.Operator);

        var found = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.FindForRequestAsync(created.Secret))));
        Assert.All(found, key => Assert.Equal(created.Key.Id, key?.Id));
        Assert.Equal(1, reads.Count);
        Assert.Equal(created.Key.Id, (await store.FindForRequestAsync(created.Secret))?.Id);
        Assert.Equal(1, reads.Count);

        // An unknown secret is read each time, never remembered.
        var unknown = ApiKeySecret.Generate();
        Assert.Null(await store.FindForRequestAsync(unknown));
        Assert.Null(await store.FindForRequestAsync(unknown));
        Assert.Equal(3, reads.Count);

        await store.RevokeAsync(created.Key.Id);
        Assert.NotNull((await store.FindForRequestAsync(created.Secret))?.RevokedAt);
    }

    /// <summary>Point reads of the keys table's rows.</summary>
    private sealed class KeyRowReads : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Get &&
                message.Request.Uri.ToUri().AbsolutePath.Contains($"/{ApiKeyStore.TableName}(", StringComparison.Ordinal))
                Interlocked.Increment(ref _count);
        }
    }
}
