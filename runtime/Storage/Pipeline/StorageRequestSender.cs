using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Gonghui.Storage.Pipeline;

/// <summary>
/// Sends a request through the pipeline and turns a failure without any response (after Azure.Core's retries: an
/// AggregateException of transport errors or timeouts) into one <see cref="RequestFailedException"/> with Status 0,
/// a <see cref="StorageClientErrorCodes"/> code and a message naming the request, so callers catch one exception type.
/// A cancellation the caller asked for stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal static class StorageRequestSender
{
    public static async ValueTask<Response> SendRequestAsync(this HttpPipeline pipeline, HttpMessage message,
        CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && NoResponseFailure(ex, message.Request) is { } failure)
        {
            throw failure;
        }
        return message.Response;
    }

    internal static RequestFailedException? NoResponseFailure(Exception exception, Request request)
    {
        var attempts = exception is AggregateException aggregate ? aggregate.InnerExceptions.ToList() : [exception];
        if (attempts.Count == 0 || !attempts.All(IsNoResponse))
            return null;
        var last = attempts[^1];
        var timedOut = last is OperationCanceledException;
        var uri = request.Uri.ToUri();
        // Scheme, host and path only: the query may hold a SAS signature.
        var target = $"{request.Method} {uri.GetLeftPart(UriPartial.Path)}";
        var what = timedOut ? "no response within the network timeout" : "could not connect";
        var tries = attempts.Count == 1 ? "1 attempt" : $"{attempts.Count} attempts";
        return new RequestFailedException(0, $"{target} failed: {what} after {tries} ({last.Message})",
            timedOut ? StorageClientErrorCodes.NetworkTimeout : StorageClientErrorCodes.ConnectionFailed, exception);
    }

    private static bool IsNoResponse(Exception exception) =>
        exception is OperationCanceledException or RequestFailedException { Status: 0 };
}
