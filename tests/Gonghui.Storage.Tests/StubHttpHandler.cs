using System.Net;

namespace Gonghui.Storage.Tests;

/// <summary>
/// An HttpMessageHandler that answers every request with a fixed status and body and keeps what it was sent, so a
/// client's real Azure.Core pipeline and transport can be checked without a server.
/// </summary>
internal sealed class StubHttpHandler(HttpStatusCode status, string body = "", string contentType = "application/xml") : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>The body of each request, read as it came (the transport disposes the content afterwards).</summary>
    public List<byte[]> Bodies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Bodies.Add(request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken));
        return new HttpResponseMessage(status)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
            RequestMessage = request,
        };
    }
}
