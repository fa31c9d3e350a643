using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gonghui.Bench;

/// <summary>
/// The benchmark's baseline: the same Table and Queue requests the Azure SDK clients send, written by hand on a plain
/// HttpClient with a minimal SharedKey signer and no pipeline (no retries, no logging, no request ids).
/// It exists only to show what the clients cost on top of the bare HTTP exchange.
/// </summary>
public sealed class RawStorageBaseline(Uri tableEndpoint, Uri queueEndpoint, string accountName, string accountKey) : IDisposable
{
    private const string TableVersion = "2019-02-02";
    private const string QueueVersion = "2021-08-06";
    private const string JsonContentType = "application/json";
    private const string XmlContentType = "application/xml; charset=utf-8";
    private static readonly HttpMethod Merge = new("MERGE");

    private readonly byte[] _key = Convert.FromBase64String(accountKey);
    /// <summary>Per-attempt timeout and attempts; the benchmark gives its clients the same.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    public const int Attempts = 3;

    private readonly HttpClient _http = new(new SocketsHttpHandler()) { Timeout = AttemptTimeout };

    public async Task UpsertEntityAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var response = await SendAsync(() => TableRequest(Merge, $"/{table}(PartitionKey='{partitionKey}',RowKey='{rowKey}')", "",
            new ByteArrayContent(body)), cancellationToken).ConfigureAwait(false);
        Expect(response, 204);
    }

    public async Task GetEntityAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => TableRequest(HttpMethod.Get, $"/{table}(PartitionKey='{partitionKey}',RowKey='{rowKey}')", "", null),
            cancellationToken).ConfigureAwait(false);
        Expect(response, 200);
        using var entity = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<int> QueryPageAsync(string table, string filter, int top, CancellationToken cancellationToken)
    {
        var query = "?$filter=" + Uri.EscapeDataString(filter) + "&$top=" + top.ToString(CultureInfo.InvariantCulture);
        using var response = await SendAsync(() => TableRequest(HttpMethod.Get, $"/{table}()", query, null), cancellationToken).ConfigureAwait(false);
        Expect(response, 200);
        using var page = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        return page.RootElement.GetProperty("value").GetArrayLength();
    }

    public async Task SendMessageAsync(string queue, byte[] body, CancellationToken cancellationToken)
    {
        var envelope = Encoding.UTF8.GetBytes($"<QueueMessage><MessageText>{Convert.ToBase64String(body)}</MessageText></QueueMessage>");
        using var response = await SendAsync(() => QueueRequest(HttpMethod.Post, $"/{queue}/messages", [], envelope), cancellationToken).ConfigureAwait(false);
        Expect(response, 201);
    }

    /// <summary>Receives one message and deletes it with its pop receipt; false when none was visible.</summary>
    public async Task<bool> ReceiveAndDeleteMessageAsync(string queue, CancellationToken cancellationToken)
    {
        string xml;
        using (var response = await SendAsync(() => QueueRequest(HttpMethod.Get, $"/{queue}/messages", [("numofmessages", "1")], null),
                   cancellationToken).ConfigureAwait(false))
        {
            Expect(response, 200);
            xml = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        var messageId = Element(xml, "MessageId");
        if (messageId is null)
            return false;
        var popReceipt = System.Net.WebUtility.HtmlDecode(Element(xml, "PopReceipt")!);
        using var deleted = await SendAsync(() => QueueRequest(HttpMethod.Delete, $"/{queue}/messages/{messageId}", [("popreceipt", popReceipt)], null),
            cancellationToken).ConfigureAwait(false);
        Expect(deleted, 204);
        return true;
    }

    /// <summary>
    /// Sends a freshly signed request, trying again when no answer came within the timeout, as the clients' Azure.Core
    /// retry policy does: Azurite now and then stops answering requests to one queue or table for a while.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _http.SendAsync(request(), cancellationToken).ConfigureAwait(false);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt < Attempts)
            {
                Console.Error.WriteLine($"baseline: attempt {attempt} timed out ({ex.Message}); trying again");
            }
        }
    }

    private HttpRequestMessage TableRequest(HttpMethod method, string path, string query, HttpContent? content)
    {
        var uri = new Uri(tableEndpoint + path + query);
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", TableVersion);
        request.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        request.Headers.TryAddWithoutValidation("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;odata=minimalmetadata");
        var contentType = "";
        if (content is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(JsonContentType);
            contentType = JsonContentType;
        }
        // Table SharedKey: VERB, Content-MD5, Content-Type, Date, CanonicalizedResource.
        var stringToSign = $"{method.Method}\n\n{contentType}\n{date}\n/{accountName}{uri.AbsolutePath}";
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {accountName}:{Sign(stringToSign)}");
        return request;
    }

    private HttpRequestMessage QueueRequest(HttpMethod method, string path, (string Name, string Value)[] query, byte[]? body)
    {
        var queryText = string.Join('&', query.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value)));
        var uri = new Uri(queueEndpoint + path + (queryText.Length > 0 ? "?" + queryText : ""));
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", QueueVersion);
        var contentLength = "";
        var contentType = "";
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", XmlContentType);
            contentLength = body.Length.ToString(CultureInfo.InvariantCulture);
            contentType = XmlContentType;
        }
        // Queue SharedKey: VERB, 11 standard headers (only length and type are set), x-ms-* headers, resource, sorted query.
        var stringToSign = new StringBuilder()
            .Append(method.Method).Append("\n\n\n").Append(contentLength).Append("\n\n").Append(contentType).Append("\n\n\n\n\n\n\n")
            .Append("x-ms-date:").Append(date).Append('\n')
            .Append("x-ms-version:").Append(QueueVersion).Append('\n')
            .Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var (name, value) in query.OrderBy(p => p.Name, StringComparer.Ordinal))
            stringToSign.Append('\n').Append(name).Append(':').Append(value);
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {accountName}:{Sign(stringToSign.ToString())}");
        return request;
    }

    private string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    private static string? Element(string xml, string name)
    {
        var start = xml.IndexOf("<" + name + ">", StringComparison.Ordinal);
        if (start < 0)
            return null;
        start += name.Length + 2;
        return xml[start..xml.IndexOf("</" + name + ">", start, StringComparison.Ordinal)];
    }

    private static void Expect(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
            throw new InvalidOperationException($"Baseline {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {status}.");
    }

    public void Dispose() => _http.Dispose();
}
