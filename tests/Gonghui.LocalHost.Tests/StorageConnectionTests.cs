using Gonghui.Connections;
using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Sas;
using Gonghui.LocalHost.Configuration;
using Gonghui.Testing;
using Microsoft.Extensions.Configuration;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// <see cref="StorageConnection"/> in each form Azure Functions accepts, each proved by a round trip through the SDK
/// clients it builds (table entity, queue message, blob) on Azurite; and a wrong setting failing at once, by name.
/// </summary>
public sealed class StorageConnectionTests(AzuriteFixture azurite, DevelopmentStorageAzuriteFixture developmentStorage,
    OAuthAzuriteFixture oauthAzurite)
    : IClassFixture<AzuriteFixture>, IClassFixture<DevelopmentStorageAzuriteFixture>, IClassFixture<OAuthAzuriteFixture>
{
    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public async Task A_connection_string_with_an_account_key_and_explicit_endpoints_reaches_azurite()
    {
        var server = azurite.Server;
        var connection = StorageConnection.FromConfiguration(Settings(("AzureWebJobsStorage", server.ConnectionString)));

        Assert.Equal(server.ConnectionString, connection.ConnectionString);
        Assert.Null(connection.Credential);
        Assert.Equal(new Uri($"http://127.0.0.1:{server.TablePort}/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri($"http://127.0.0.1:{server.QueuePort}/devstoreaccount1"), connection.QueueServiceUri);
        Assert.Equal(new Uri($"http://127.0.0.1:{server.BlobPort}/devstoreaccount1"), connection.BlobServiceUri);
        await RoundTripAsync(connection);
    }

    [Fact]
    public async Task UseDevelopmentStorage_points_at_azurite_on_its_default_ports()
    {
        var connection = StorageConnection.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobServiceUri);
        try
        {
            await RoundTripAsync(connection);
        }
        catch (Exception e) when (!developmentStorage.Started)
        {
            throw new InvalidOperationException(
                "Ports 10000-10002 were taken, so this test used what listens there, and it is not a working Azurite.", e);
        }
    }

    [Fact]
    public async Task A_connection_string_with_a_shared_access_signature_reaches_azurite()
    {
        var server = azurite.Server;
        var sas = new AccountSasBuilder(AccountSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1),
                AccountSasServices.Blobs | AccountSasServices.Queues | AccountSasServices.Tables, AccountSasResourceTypes.All)
            .ToSasQueryParameters(new StorageSharedKeyCredential("devstoreaccount1", DevelopmentAccountKey)).ToString();
        var connectionString =
            $"BlobEndpoint=http://127.0.0.1:{server.BlobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{server.QueuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{server.TablePort}/devstoreaccount1;" +
            $"SharedAccessSignature={sas}";

        var connection = StorageConnection.FromConfiguration(Settings(("AzureWebJobsStorage", connectionString)));

        Assert.Equal(new Uri($"http://127.0.0.1:{server.TablePort}/devstoreaccount1"), connection.TableServiceUri);
        await RoundTripAsync(connection);
    }

    [Fact]
    public async Task Identity_based_service_uris_reach_azurite_with_a_bearer_token_for_azure_storage()
    {
        var connection = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:tableServiceUri", oauthAzurite.TableServiceUri.ToString()),
            ("AzureWebJobsStorage:queueServiceUri", oauthAzurite.QueueServiceUri.ToString()),
            ("AzureWebJobsStorage:blobServiceUri", oauthAzurite.BlobServiceUri.ToString())));

        Assert.Null(connection.ConnectionString);
        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        Assert.Equal(oauthAzurite.TableServiceUri, connection.TableServiceUri);
        Assert.Equal(oauthAzurite.QueueServiceUri, connection.QueueServiceUri);
        Assert.Equal(oauthAzurite.BlobServiceUri, connection.BlobServiceUri);

        // Tests cannot get Entra ID tokens: the same endpoints with a credential Azurite accepts.
        var credential = new BearerTokenCredential();
        await RoundTripAsync(connection.WithCredential(credential), oauthAzurite.Transport());

        Assert.NotEmpty(credential.Scopes);
        Assert.All(credential.Scopes, scope => Assert.Equal("https://storage.azure.com/.default", scope));
    }

    [Fact]
    public async Task Azurite_with_oauth_refuses_a_token_for_another_audience()
    {
        var connection = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:tableServiceUri", oauthAzurite.TableServiceUri.ToString()),
            ("AzureWebJobsStorage:queueServiceUri", oauthAzurite.QueueServiceUri.ToString()),
            ("AzureWebJobsStorage:blobServiceUri", oauthAzurite.BlobServiceUri.ToString())));
        var tables = connection.WithCredential(new BearerTokenCredential("https://vault.azure.net"))
            .CreateTableServiceClient(new TableClientOptions { Transport = oauthAzurite.Transport() });

        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            tables.GetTableClient(AzuriteServer.UniqueName("oauth")).CreateIfNotExistsAsync());

        Assert.Equal(403, e.Status);
    }

    [Fact]
    public void An_account_name_gives_the_public_cloud_endpoints()
    {
        var connection = StorageConnection.FromConfiguration(Settings(("AzureWebJobsStorage:accountName", "gonghuistore")));

        Assert.Equal(new Uri("https://gonghuistore.table.core.windows.net/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://gonghuistore.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://gonghuistore.blob.core.windows.net/"), connection.BlobServiceUri);
        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        Assert.Equal(connection.TableServiceUri, connection.CreateTableServiceClient().Uri);
        Assert.Equal(connection.QueueServiceUri, connection.CreateQueueServiceClient().Uri);
        Assert.Equal(connection.BlobServiceUri, connection.CreateBlobServiceClient().Uri);
    }

    [Fact]
    public void An_account_name_and_a_service_uri_that_agree_are_taken_together()
    {
        var connection = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "gonghuistore"),
            ("AzureWebJobsStorage:queueServiceUri", "https://gonghuistore.privatelink.queue.core.windows.net/")));

        Assert.Equal(new Uri("https://gonghuistore.privatelink.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal(new Uri("https://gonghuistore.table.core.windows.net/"), connection.TableServiceUri);
    }

    [Fact]
    public void Credential_managedidentity_uses_the_system_identity_or_the_user_assigned_one_of_clientId()
    {
        var system = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "gonghuistore"), ("AzureWebJobsStorage:credential", "managedidentity")));
        var userAssigned = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "gonghuistore"), ("AzureWebJobsStorage:credential", "ManagedIdentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.IsType<ManagedIdentityCredential>(system.Credential);
        Assert.IsType<ManagedIdentityCredential>(userAssigned.Credential);
    }

    [Fact]
    public void A_client_secret_with_its_tenant_and_client_uses_that_app_registration()
    {
        var connection = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage:accountName", "gonghuistore"),
            ("AzureWebJobsStorage:tenantId", "00000000-0000-0000-0000-000000000002"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"),
            ("AzureWebJobsStorage:clientSecret", "not-a-real-secret")));

        Assert.IsType<ClientSecretCredential>(connection.Credential);
    }

    [Fact]
    public void Another_connection_name_reads_its_own_settings()
    {
        var connection = StorageConnection.FromConfiguration(Settings(
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("ArchiveStorage:accountName", "gonghuiarchive")), "ArchiveStorage");

        Assert.Equal("ArchiveStorage", connection.Name);
        Assert.Equal(new Uri("https://gonghuiarchive.blob.core.windows.net/"), connection.BlobServiceUri);
    }

    public static TheoryData<string, (string, string)[]> Misconfigurations => new()
    {
        { "The setting AzureWebJobsStorage is not set", [] },
        { "The setting AzureWebJobsStorage is not set", [("AzureWebJobsStorage", "")] },
        { "The setting AzureWebJobsStorage is not a valid storage connection string", [("AzureWebJobsStorage", "not a connection string")] },
        { "The setting AzureWebJobsStorage is not a valid storage connection string", [("AzureWebJobsStorage", "AccountName=x;AccountKey=not-base64!")] },
        { "The setting AzureWebJobsStorage__tableServiceUri is not set", [("AzureWebJobsStorage:credential", "managedidentity")] },
        { "The setting AzureWebJobsStorage__tableServiceUri is not set", [("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")] },
        {
            "The setting AzureWebJobsStorage__blobServiceUri is not set",
            [("AzureWebJobsStorage:tableServiceUri", "https://a.table.core.windows.net"), ("AzureWebJobsStorage:queueServiceUri", "https://a.queue.core.windows.net")]
        },
        {
            "The setting AzureWebJobsStorage__tableServiceUri (https://other.table.core.windows.net/) is for the account 'other' but AzureWebJobsStorage__accountName is 'gonghuistore'",
            [("AzureWebJobsStorage:accountName", "gonghuistore"), ("AzureWebJobsStorage:tableServiceUri", "https://other.table.core.windows.net")]
        },
        {
            "The setting AzureWebJobsStorage__queueServiceUri is not an http(s) URI: 'gonghuistore.queue.core.windows.net'",
            [("AzureWebJobsStorage:accountName", "gonghuistore"), ("AzureWebJobsStorage:queueServiceUri", "gonghuistore.queue.core.windows.net")]
        },
        {
            "The setting AzureWebJobsStorage__credential is 'connectionstring'",
            [("AzureWebJobsStorage:accountName", "gonghuistore"), ("AzureWebJobsStorage:credential", "connectionstring")]
        },
        {
            "The setting AzureWebJobsStorage__tenantId is not set",
            [("AzureWebJobsStorage:accountName", "gonghuistore"), ("AzureWebJobsStorage:clientId", "c"), ("AzureWebJobsStorage:clientSecret", "s")]
        },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public void A_misconfigured_connection_fails_when_read_naming_the_setting(string expected, (string, string)[] settings)
    {
        var e = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Settings(settings)));

        Assert.StartsWith(expected, e.Message);
    }

    /// <summary>A table entity upserted and read, a queue message sent and received (Base64), a blob written and read.</summary>
    private static async Task RoundTripAsync(StorageConnection connection, HttpPipelineTransport? transport = null)
    {
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var blobOptions = new BlobClientOptions();
        if (transport is not null)
            (tableOptions.Transport, queueOptions.Transport, blobOptions.Transport) = (transport, transport, transport);

        var table = connection.CreateTableServiceClient(tableOptions).GetTableClient(AzuriteServer.UniqueName("conn"));
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Name"] = "王小明" });
        Assert.Equal("王小明", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("Name"));
        await table.DeleteAsync();

        var queue = connection.CreateQueueServiceClient(queueOptions).GetQueueClient(AzuriteServer.UniqueName("conn"));
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("工单");
        var message = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        Assert.Equal("工单", message.Body.ToString());
        await queue.DeleteAsync();

        var container = connection.CreateBlobServiceClient(blobOptions).GetBlobContainerClient(AzuriteServer.UniqueName("conn"));
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("lease").UploadAsync(BinaryData.FromString("租约"));
        Assert.Equal("租约", (await container.GetBlobClient("lease").DownloadContentAsync()).Value.Content.ToString());
        await container.DeleteAsync();
    }
}
