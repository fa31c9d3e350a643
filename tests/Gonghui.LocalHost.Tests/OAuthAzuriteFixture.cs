using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Azure.Core.Pipeline;
using Gonghui.Testing;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// An Azurite of its own with OAuth on: Azurite takes bearer tokens only over HTTPS, so it gets a self-signed
/// certificate made here, and the clients trust exactly that certificate through <see cref="Transport"/>.
/// </summary>
public sealed class OAuthAzuriteFixture : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";

    private readonly string _folder = Directory.CreateTempSubdirectory("gonghui-oauth-").FullName;
    private NodeServerProcess? _process;
    private X509Certificate2? _certificate;

    public Uri TableServiceUri { get; private set; } = null!;
    public Uri QueueServiceUri { get; private set; } = null!;
    public Uri BlobServiceUri { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(_folder, "cert.pem");
        var keyPath = Path.Combine(_folder, "key.pem");
        await File.WriteAllTextAsync(certPath, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

        static Regex Listening(string service) =>
            new($@"Azurite {service} service is successfully listening at https://[^:]+:(?<port>\d+)");
        var (process, matches) = await NodeServerProcess.StartAsync("node_modules/azurite/dist/src/azurite.js",
            [
                "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
                "--oauth", "basic", "--cert", certPath, "--key", keyPath,
                "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0",
                "--tableHost", "127.0.0.1", "--tablePort", "0",
            ],
            [Listening("Blob"), Listening("Queue"), Listening("Table")], TimeSpan.FromSeconds(60));
        _process = process;
        Uri Endpoint(Match listening) => new($"https://127.0.0.1:{listening.Groups["port"].Value}/{AccountName}");
        BlobServiceUri = Endpoint(matches[0]);
        QueueServiceUri = Endpoint(matches[1]);
        TableServiceUri = Endpoint(matches[2]);
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
