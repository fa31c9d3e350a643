using Gonghui.Storage.Queues;

namespace Gonghui.Durable.Worker;

/// <summary>
/// Keeps a received message hidden while it is being worked on, re-hiding it at half the visibility timeout, and
/// deletes or re-hides it with the newest pop receipt (each update issues a new one).
/// </summary>
internal sealed class VisibilityRenewal : IDisposable
{
    private readonly QueueClient _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _receiptLock = new(1, 1);
    private string _popReceipt;

    public string MessageId { get; }

    public VisibilityRenewal(QueueClient queue, string messageId, string popReceipt, TimeSpan visibilityTimeout)
    {
        _queue = queue;
        MessageId = messageId;
        _popReceipt = popReceipt;
        _ = RenewAsync(visibilityTimeout);
    }

    public async Task DeleteAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _receiptLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _queue.DeleteMessageAsync(MessageId, _popReceipt).ConfigureAwait(false);
        }
        finally
        {
            _receiptLock.Release();
        }
    }

    public async Task HideForAsync(TimeSpan delay)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _receiptLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _queue.UpdateMessageAsync(MessageId, _popReceipt, visibilityTimeout: delay).ConfigureAwait(false);
        }
        finally
        {
            _receiptLock.Release();
        }
    }

    private async Task RenewAsync(TimeSpan visibilityTimeout)
    {
        try
        {
            while (true)
            {
                await Task.Delay(visibilityTimeout / 2, _stop.Token).ConfigureAwait(false);
                await _receiptLock.WaitAsync(_stop.Token).ConfigureAwait(false);
                try
                {
                    var receipt = await _queue.UpdateMessageAsync(MessageId, _popReceipt, visibilityTimeout: visibilityTimeout, cancellationToken: _stop.Token).ConfigureAwait(false);
                    _popReceipt = receipt.Value.PopReceipt;
                }
                finally
                {
                    _receiptLock.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Azure.RequestFailedException)
        {
            // Lost the message (deleted, or its visibility already ran out): the result will be a duplicate at worst.
        }
    }

    public void Dispose() => _stop.Cancel();
}
