using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Gonghui.Storage.Pipeline;

/// <summary>
/// Signs each attempt of a request with the SharedKey scheme (a fresh x-ms-date per retry).
/// Queue requests use the Blob/Queue string-to-sign; Table requests use the shorter Table one.
/// See "Authorize with Shared Key" in the Azure Storage REST reference.
/// </summary>
internal sealed class SharedKeySigningPolicy(StorageSharedKeyCredential credential, StorageService service)
    : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var stringToSign = service == StorageService.Table
            ? TableStringToSign(request, credential.AccountName, date)
            : QueueStringToSign(request, credential.AccountName);
        var signature = credential.ComputeSignature(stringToSign);
        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{signature}");
    }

    /// <summary>VERB, Content-MD5, Content-Type, Date, then the resource with only the comp parameter.</summary>
    internal static string TableStringToSign(Request request, string accountName, string date)
    {
        var builder = new StringBuilder(256)
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append(date).Append('\n')
            .Append('/').Append(accountName).Append(request.Uri.Path);
        foreach (var (name, value) in QueryParameters(request.Uri))
        {
            if (name == "comp")
            {
                builder.Append("?comp=").Append(value);
                break;
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// VERB, the eleven standard headers (Content-Length empty when zero, Date empty because x-ms-date is sent),
    /// the x-ms-* headers lowercased and sorted, then the resource and every query parameter, sorted, values joined by ','.
    /// </summary>
    internal static string QueueStringToSign(Request request, string accountName)
    {
        long contentLength = 0;
        request.Content?.TryComputeLength(out contentLength);
        var builder = new StringBuilder(512)
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(contentLength > 0 ? contentLength.ToString(CultureInfo.InvariantCulture) : "").Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append('\n')
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        var msHeaders = new List<(string Name, string Value)>(4);
        foreach (var header in request.Headers)
        {
            if (header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                msHeaders.Add((header.Name.ToLowerInvariant(), header.Value.Trim()));
        }
        msHeaders.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, value) in msHeaders)
            builder.Append(name).Append(':').Append(value).Append('\n');

        builder.Append('/').Append(accountName).Append(request.Uri.Path);
        var parameters = QueryParameters(request.Uri).ToList();
        parameters.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        for (var i = 0; i < parameters.Count; i++)
        {
            var (name, value) = parameters[i];
            if (i > 0 && parameters[i - 1].Name == name)
                builder.Append(',').Append(value);
            else
                builder.Append('\n').Append(name).Append(':').Append(value);
        }
        return builder.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : "";

    private static IEnumerable<(string Name, string Value)> QueryParameters(RequestUriBuilder uri)
    {
        var query = uri.Query;
        if (query.Length <= 1)
            yield break;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            yield return (Uri.UnescapeDataString(name).ToLowerInvariant(), Uri.UnescapeDataString(value));
        }
    }
}
