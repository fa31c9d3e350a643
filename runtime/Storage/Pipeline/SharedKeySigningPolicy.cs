using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Gonghui.Storage.Pipeline;

/// <summary>
/// Signs each attempt of a request with the SharedKey scheme (a fresh x-ms-date per retry).
/// Queue requests use the Blob/Queue string-to-sign; Table requests use the shorter Table one.
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
            ? TableStringToSign(request, date)
            : QueueStringToSign(request);
        var signature = credential.ComputeSignature(stringToSign);
        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{signature}");
    }

    private string TableStringToSign(Request request, string date)
    {
        var resource = new StringBuilder().Append('/').Append(credential.AccountName).Append(request.Uri.Path);
        var comp = QueryParameters(request.Uri).FirstOrDefault(p => p.Name == "comp");
        if (comp.Name is not null)
            resource.Append("?comp=").Append(comp.Value);
        return string.Join('\n',
            request.Method.Method,
            Header(request, "Content-MD5"),
            Header(request, "Content-Type"),
            date,
            resource.ToString());
    }

    private string QueueStringToSign(Request request)
    {
        long contentLength = 0;
        request.Content?.TryComputeLength(out contentLength);
        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(contentLength > 0 ? contentLength.ToString(CultureInfo.InvariantCulture) : "").Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append('\n') // Date: empty because x-ms-date is sent
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        builder.Append('/').Append(credential.AccountName).Append(request.Uri.Path);
        foreach (var group in QueryParameters(request.Uri)
                     .GroupBy(p => p.Name)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(group.Key).Append(':')
                .Append(string.Join(',', group.Select(p => p.Value).OrderBy(v => v, StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : "";

    private static IEnumerable<(string Name, string Value)> QueryParameters(RequestUriBuilder uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
            yield break;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            yield return (Uri.UnescapeDataString(name).ToLowerInvariant(), Uri.UnescapeDataString(value));
        }
    }
}
