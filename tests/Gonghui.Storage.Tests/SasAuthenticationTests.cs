using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Gonghui.Storage.Queues;
using Gonghui.Storage.Tables;
using Gonghui.Testing;

namespace Gonghui.Storage.Tests;

/// <summary>
/// Clients authenticated by an account SAS in the connection string, against Azurite. The SAS is made here from the
/// emulator key as "Create an account SAS" (Azure Storage REST reference) describes for version 2020-12-06 and later:
/// HMAC-SHA256 over account, permissions, services, resource types, start, expiry, IP, protocol, version and
/// encryption scope, each followed by a newline.
/// </summary>
public sealed class SasAuthenticationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string AccountSas(string permissions, string accountKey)
    {
        const string version = "2021-08-06";
        const string services = "tq";
        const string resourceTypes = "sco";
        var expiry = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var stringToSign = string.Join('\n',
            StorageConnectionString.DevelopmentAccountName, permissions, services, resourceTypes,
            "", expiry, "", "", version, "", "");
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(accountKey), Encoding.UTF8.GetBytes(stringToSign)));
        return $"sv={version}&ss={services}&srt={resourceTypes}&sp={permissions}&se={Uri.EscapeDataString(expiry)}&sig={Uri.EscapeDataString(signature)}";
    }

    private string SasConnectionString(string sas) =>
        $"TableEndpoint=http://127.0.0.1:{azurite.Server.TablePort}/{StorageConnectionString.DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{azurite.Server.QueuePort}/{StorageConnectionString.DevelopmentAccountName};" +
        $"SharedAccessSignature={sas}";

    [Fact]
    public async Task Table_and_queue_round_trip_with_an_account_sas()
    {
        var connectionString = SasConnectionString(AccountSas("rwdlacup", StorageConnectionString.DevelopmentAccountKey));
        Assert.Null(StorageConnectionString.Parse(connectionString).SharedKey);

        var table = new TableServiceClient(connectionString).GetTableClient(AzuriteServer.UniqueName("sas"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "张三" });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Phone"] = "138****0000" });
        var found = Assert.Single(await table.QueryAsync(TableOdataFilter.Create($"Name eq {"张三"}")).ToListAsync());
        Assert.Equal("138****0000", found.GetString("Phone"));
        await table.DeleteEntityAsync("p", "r", found.ETag);

        var queue = new QueueServiceClient(connectionString).GetQueueClient(AzuriteServer.UniqueName("sas"));
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("工单");
        var message = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        Assert.Equal("工单", message.MessageText);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_sas_signed_with_another_key_is_refused_with_403()
    {
        var otherKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var table = new TableServiceClient(SasConnectionString(AccountSas("rwdlacup", otherKey))).GetTableClient(AzuriteServer.UniqueName("sas"));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, ex.Status);
        Assert.Equal("AuthorizationFailure", ex.ErrorCode);
    }

    [Fact]
    public async Task A_read_only_sas_cannot_write()
    {
        var name = AzuriteServer.UniqueName("sas");
        await new QueueServiceClient(azurite.Server.ConnectionString).GetQueueClient(name).CreateIfNotExistsAsync();
        var queue = new QueueServiceClient(SasConnectionString(AccountSas("rl", StorageConnectionString.DevelopmentAccountKey))).GetQueueClient(name);

        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));

        Assert.Equal(403, ex.Status);
        Assert.NotNull(ex.ErrorCode);
    }
}
