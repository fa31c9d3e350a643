using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Gonghui.Storage.Queues;
using Gonghui.Storage.Tables;
using Gonghui.Testing;

namespace Gonghui.Storage.Tests;

/// <summary>
/// An Azurite of its own with OAuth on: Azurite takes bearer tokens only over HTTPS, so it gets a self-signed
/// certificate made here, and the clients trust exactly that certificate.
/// </summary>
public sealed class OAuthAzuriteFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gonghui-oauth-").FullName;
    private NodeServerProcess? _process;
    private X509Certificate2? _certificate;

    public int TablePort { get; private set; }
    public int QueuePort { get; private set; }

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(_folder, "cert.pem");
        var keyPath = Path.Combine(_folder, "key.pem");
        await File.WriteAllTextAsync(certPath, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

        Regex Listening(string service) => new($@"Azurite {service} service is successfully listening at https://[^:]+:(?<port>\d+)");
        var (process, matches) = await NodeServerProcess.StartAsync("node_modules/azurite/dist/src/azurite.js",
            [
                "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
                "--oauth", "basic", "--cert", certPath, "--key", keyPath,
                "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0",
                "--tableHost", "127.0.0.1", "--tablePort", "0",
            ],
            [Listening("Queue"), Listening("Table")], TimeSpan.FromSeconds(60));
        _process = process;
        QueuePort = int.Parse(matches[0].Groups["port"].Value);
        TablePort = int.Parse(matches[1].Groups["port"].Value);
    }

    /// <summary>A transport that trusts only this fixture's certificate.</summary>
    public HttpPipelineTransport Transport() => new HttpClientTransport(new HttpClient(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString() == _certificate!.GetCertHashString(),
        },
    }));

    public async Task DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        _certificate?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class TokenCredentialTests(OAuthAzuriteFixture azurite) : IClassFixture<OAuthAzuriteFixture>
{
    /// <summary>
    /// Hands out an unsigned JWT with the claims Azurite's basic OAuth checks (issuer, audience, lifetime); like
    /// Azure.Identity's credentials it is asked for Azure Storage's scope.
    /// </summary>
    private sealed class JwtCredential(string audience) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
                Scopes.AddRange(requestContext.Scopes);
            var now = DateTimeOffset.UtcNow;
            static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var token = Part(new { alg = "RS256", typ = "JWT" }) + "." + Part(new
            {
                aud = audience,
                iss = "https://sts.windows.net/ab1f708d-50f6-404c-a006-d71b2ac7a606/",
                iat = now.AddMinutes(-1).ToUnixTimeSeconds(),
                nbf = now.AddMinutes(-1).ToUnixTimeSeconds(),
                exp = now.AddHours(1).ToUnixTimeSeconds(),
                oid = Guid.NewGuid(),
            }) + "." + Convert.ToBase64String(Encoding.ASCII.GetBytes("unsigned")).TrimEnd('=');
            return new AccessToken(token, now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    private Uri TableEndpoint => new($"https://127.0.0.1:{azurite.TablePort}/{StorageConnectionString.DevelopmentAccountName}");
    private Uri QueueEndpoint => new($"https://127.0.0.1:{azurite.QueuePort}/{StorageConnectionString.DevelopmentAccountName}");

    [Fact]
    public async Task Table_and_queue_round_trip_with_a_bearer_token()
    {
        var credential = new JwtCredential("https://storage.azure.com");
        var tables = new TableServiceClient(TableEndpoint, credential, new StorageClientOptions { Transport = azurite.Transport() });
        var queues = new QueueServiceClient(QueueEndpoint, credential, new QueueClientOptions { Transport = azurite.Transport() });

        var table = tables.GetTableClient(AzuriteServer.UniqueName("oauth"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "O'Brien" });
        Assert.Equal("O'Brien", (await table.GetEntityAsync("p", "r")).Value.GetString("Name"));

        var queue = queues.GetQueueClient(AzuriteServer.UniqueName("oauth"));
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("工单");
        var message = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        Assert.Equal("工单", message.MessageText);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        Assert.NotEmpty(credential.Scopes);
        Assert.All(credential.Scopes, scope => Assert.Equal("https://storage.azure.com/.default", scope));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_with_403()
    {
        var credential = new JwtCredential("https://vault.azure.net");
        var table = new TableServiceClient(TableEndpoint, credential, new StorageClientOptions { Transport = azurite.Transport() })
            .GetTableClient(AzuriteServer.UniqueName("oauth"));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, ex.Status);
        Assert.Equal("AuthenticationFailed", ex.ErrorCode);
    }
}
