using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Queues;

/// <summary>
/// Keeps a received message hidden while its function runs: every half lease time its visibility is pushed out by
/// another lease time, so no other receiver (in this or another process) gets it meanwhile. Each renewal changes the
/// pop receipt; <see cref="StopAsync"/> returns the latest one for the delete or release that follows.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "StopAsync, which every lease ends with, disposes it.")]
internal sealed class MessageLease
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _leaseTime;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private string _popReceipt;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan leaseTime, ILogger logger)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _popReceipt = message.PopReceipt;
        _leaseTime = leaseTime;
        _logger = logger;
        _renewing = RenewAsync();
    }

    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
        return _popReceipt;
    }

    private async Task RenewAsync()
    {
        while (true)
        {
            // Only the wait is cancelled: an update already sent must complete, or its new pop receipt would be lost.
            await Task.Delay(_leaseTime / 2, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_stop.IsCancellationRequested)
                return;
            try
            {
                var receipt = await _queue.UpdateMessageAsync(_messageId, _popReceipt, message: null, _leaseTime, CancellationToken.None);
                _popReceipt = receipt.Value.PopReceipt;
            }
            catch (RequestFailedException ex) when (ex.Status is 400 or 404)
            {
                _logger.LogWarning("Lost the lease on message {MessageId} in {Queue} ({ErrorCode}); it may run again", _messageId,
                    _queue.Name, ex.ErrorCode);
                return;
            }
            catch (RequestFailedException ex)
            {
                _logger.LogWarning("Could not renew the lease on message {MessageId} in {Queue} ({Message}); retrying", _messageId,
                    _queue.Name, ex.Message);
            }
        }
    }
}
