using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Gonghui.Storage.Pipeline;

namespace Gonghui.Storage.Queues;

/// <summary>
/// One queue over the Queue REST API. Member names and semantics follow Azure.Storage.Queues' QueueClient.
/// Failures throw <see cref="RequestFailedException"/> with the HTTP status and storage error code.
/// </summary>
public sealed class QueueClient
{
    internal const string ServiceVersion = "2021-08-06";

    /// <summary>The service refuses a message whose encoded text is larger than this.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    public const int MaxMessagesPerReceive = 32;

    /// <summary>Pass as time-to-live for a message that never expires.</summary>
    public static readonly TimeSpan NeverExpire = TimeSpan.FromSeconds(-1);

    private readonly HttpPipeline _pipeline;
    private readonly Uri _accountEndpoint;
    private readonly QueueMessageEncoding _encoding;

    internal QueueClient(HttpPipeline pipeline, Uri accountEndpoint, string queueName, QueueMessageEncoding encoding)
    {
        _pipeline = pipeline;
        _accountEndpoint = accountEndpoint;
        _encoding = encoding;
        Name = queueName;
    }

    public string Name { get; }

    public QueueMessageEncoding MessageEncoding => _encoding;

    /// <summary>
    /// Creates the queue; one that exists already is not an error (204, or 409 QueueAlreadyExists when its metadata
    /// differs). A queue still being deleted is (409 QueueBeingDeleted).
    /// </summary>
    public async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, "");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 201 or 204 || (response.Status == 409 && StorageErrors.HasErrorCode(response, "QueueAlreadyExists")))
            return response;
        throw StorageErrors.ToException(response, $"Create queue {Name}");
    }

    public async Task<Response> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 204 or 404)
            return response;
        throw StorageErrors.ToException(response, $"Delete queue {Name}");
    }

    public async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "");
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
            throw StorageErrors.ToException(response, $"Get properties of queue {Name}");
        response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count);
        return Response.FromValue(new QueueProperties(int.Parse(count ?? "0", CultureInfo.InvariantCulture)), response);
    }

    public Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null,
        TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        SendMessageAsync(BinaryData.FromString(messageText), visibilityTimeout, timeToLive, cancellationToken);

    /// <summary>
    /// Sends a message, invisible for <paramref name="visibilityTimeout"/> (up to 7 days), living for
    /// <paramref name="timeToLive"/> (default 7 days; <see cref="NeverExpire"/> for ever).
    /// </summary>
    public async Task<Response<SendReceipt>> SendMessageAsync(BinaryData message, TimeSpan? visibilityTimeout = null,
        TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var envelope = Envelope(message);
        using var request = CreateMessage(RequestMethod.Post, "/messages");
        if (visibilityTimeout is { } delay)
            request.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay));
        if (timeToLive is { } ttl)
            request.Request.Uri.AppendQuery("messagettl", ttl == NeverExpire ? "-1" : Seconds(ttl));
        SetXmlContent(request, envelope);
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
            throw StorageErrors.ToException(response, $"Send message to {Name}");
        var sent = QueueMessageXml.Messages(response.Content).Single();
        return Response.FromValue(new SendReceipt(
            QueueMessageXml.Text(sent, "MessageId"),
            QueueMessageXml.Time(sent, "InsertionTime") ?? default,
            QueueMessageXml.Time(sent, "ExpirationTime") ?? default,
            QueueMessageXml.Text(sent, "PopReceipt"),
            QueueMessageXml.Time(sent, "TimeNextVisible") ?? default), response);
    }

    /// <summary>Takes up to 32 visible messages, hiding them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    public async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(int? maxMessages = null, TimeSpan? visibilityTimeout = null,
        CancellationToken cancellationToken = default)
    {
        using var request = CreateMessage(RequestMethod.Get, "/messages");
        if (maxMessages is { } max)
            request.Request.Uri.AppendQuery("numofmessages", Math.Clamp(max, 1, MaxMessagesPerReceive).ToString(CultureInfo.InvariantCulture));
        if (visibilityTimeout is { } timeout)
            request.Request.Uri.AppendQuery("visibilitytimeout", Seconds(timeout));
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
            throw StorageErrors.ToException(response, $"Receive messages from {Name}");
        var messages = QueueMessageXml.Messages(response.Content).Select(m => new QueueMessage(
            QueueMessageXml.Text(m, "MessageId"),
            QueueMessageXml.Text(m, "PopReceipt"),
            QueueMessageXml.Body(m, _encoding),
            long.Parse(QueueMessageXml.Text(m, "DequeueCount"), CultureInfo.InvariantCulture),
            QueueMessageXml.Time(m, "InsertionTime"),
            QueueMessageXml.Time(m, "ExpirationTime"),
            QueueMessageXml.Time(m, "TimeNextVisible"))).ToArray();
        return Response.FromValue(messages, response);
    }

    public async Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        using var request = CreateMessage(RequestMethod.Get, "/messages");
        request.Request.Uri.AppendQuery("peekonly", "true");
        if (maxMessages is { } max)
            request.Request.Uri.AppendQuery("numofmessages", Math.Clamp(max, 1, MaxMessagesPerReceive).ToString(CultureInfo.InvariantCulture));
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
            throw StorageErrors.ToException(response, $"Peek messages of {Name}");
        var messages = QueueMessageXml.Messages(response.Content).Select(m => new PeekedMessage(
            QueueMessageXml.Text(m, "MessageId"),
            QueueMessageXml.Body(m, _encoding),
            long.Parse(QueueMessageXml.Text(m, "DequeueCount"), CultureInfo.InvariantCulture),
            QueueMessageXml.Time(m, "InsertionTime"),
            QueueMessageXml.Time(m, "ExpirationTime"))).ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>
    /// Changes a held message's visibility (and content, when given). Needs the latest pop receipt: a stale one
    /// fails with 400 PopReceiptMismatch (someone received the message again), a deleted message with 404 MessageNotFound.
    /// </summary>
    public async Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, BinaryData? message = null,
        TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        using var request = CreateMessage(RequestMethod.Put, "/messages/" + Uri.EscapeDataString(messageId));
        request.Request.Uri.AppendQuery("popreceipt", popReceipt);
        request.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        if (message is not null)
            SetXmlContent(request, Envelope(message));
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
            throw StorageErrors.ToException(response, $"Update message {messageId} in {Name}");
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return Response.FromValue(new UpdateReceipt(newReceipt ?? popReceipt,
            nextVisible is null ? default : QueueMessageXml.ParseTime(nextVisible)), response);
    }

    /// <summary>Deletes a held message; a stale pop receipt fails with 400 PopReceiptMismatch, a gone message with 404 MessageNotFound.</summary>
    public async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var request = CreateMessage(RequestMethod.Delete, "/messages/" + Uri.EscapeDataString(messageId));
        request.Request.Uri.AppendQuery("popreceipt", popReceipt);
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
            throw StorageErrors.ToException(response, $"Delete message {messageId} from {Name}");
        return response;
    }

    public async Task<Response> ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateMessage(RequestMethod.Delete, "/messages");
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
            throw StorageErrors.ToException(response, $"Clear messages of {Name}");
        return response;
    }

    private byte[] Envelope(BinaryData message)
    {
        var envelope = QueueMessageXml.Envelope(message, _encoding);
        var textBytes = _encoding == QueueMessageEncoding.Base64
            ? (message.ToMemory().Length + 2) / 3 * 4
            : Encoding.UTF8.GetByteCount(message.ToString());
        if (textBytes > MaxMessageBytes)
            throw new ArgumentException(
                $"A queue message may hold at most {MaxMessageBytes} bytes once encoded; this one holds {textBytes}.", nameof(message));
        return envelope;
    }

    private static string Seconds(TimeSpan value) =>
        ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private HttpMessage CreateMessage(RequestMethod method, string pathAfterQueue)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(_accountEndpoint);
        message.Request.Uri.AppendPath("/" + Name + pathAfterQueue, escape: false);
        message.Request.Headers.SetValue("x-ms-version", ServiceVersion);
        return message;
    }

    private static void SetXmlContent(HttpMessage message, byte[] xml)
    {
        message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(xml);
    }

    private ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken) =>
        _pipeline.SendRequestAsync(message, cancellationToken);
}
