using Azure;
using Gonghui.Storage.Queues;
using Gonghui.Testing;

namespace Gonghui.Storage.Tests;

public sealed class QueueClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<QueueClient> NewQueueAsync(QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var queue = new QueueServiceClient(azurite.Server.ConnectionString, new QueueClientOptions { MessageEncoding = encoding })
            .GetQueueClient(AzuriteServer.UniqueName("q"));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    [Fact]
    public async Task Unicode_text_round_trips_in_both_encodings()
    {
        foreach (var encoding in new[] { QueueMessageEncoding.Base64, QueueMessageEncoding.None })
        {
            var queue = await NewQueueAsync(encoding);
            const string text = "工单 <12351> & \"回访\" 😀";
            await queue.SendMessageAsync(text);
            var received = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
            Assert.Equal(text, received.MessageText);
        }
    }

    [Fact]
    public async Task Binary_content_round_trips()
    {
        var queue = await NewQueueAsync();
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await queue.SendMessageAsync(new BinaryData(bytes));
        var received = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        Assert.Equal(bytes, received.Body.ToArray());
    }

    [Fact]
    public async Task A_message_sent_with_a_visibility_delay_stays_hidden_until_then()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(2));
        Assert.Empty((await queue.ReceiveMessagesAsync()).Value);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal("later", Assert.Single((await queue.ReceiveMessagesAsync()).Value).MessageText);
    }

    [Fact]
    public async Task A_received_message_reappears_after_its_visibility_timeout_with_a_higher_dequeue_count()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("work");
        var first = Assert.Single((await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1))).Value);
        Assert.Equal(1, first.DequeueCount);
        Assert.Empty((await queue.ReceiveMessagesAsync()).Value);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = Assert.Single((await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1))).Value);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        var staleUpdate = await Assert.ThrowsAsync<RequestFailedException>(() =>
            queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(10)));
        Assert.Equal(400, staleUpdate.Status);
        Assert.Equal("PopReceiptMismatch", staleUpdate.ErrorCode);

        await queue.DeleteMessageAsync(second.MessageId, second.PopReceipt);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(second.MessageId, second.PopReceipt));
        Assert.Equal(404, gone.Status);
        Assert.Equal("MessageNotFound", gone.ErrorCode);
    }

    [Fact]
    public async Task Update_changes_content_and_extends_the_hold()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("v1");
        var held = Assert.Single((await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1))).Value);
        var receipt = (await queue.UpdateMessageAsync(held.MessageId, held.PopReceipt, BinaryData.FromString("v2"), TimeSpan.FromSeconds(3))).Value;
        Assert.NotEqual(held.PopReceipt, receipt.PopReceipt);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty((await queue.ReceiveMessagesAsync()).Value);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var again = Assert.Single((await queue.ReceiveMessagesAsync()).Value);
        Assert.Equal("v2", again.MessageText);
    }

    [Fact]
    public async Task Receive_takes_at_most_32_and_peek_takes_nothing()
    {
        var queue = await NewQueueAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => queue.SendMessageAsync("m" + i)));
        var peeked = (await queue.PeekMessagesAsync(5)).Value;
        Assert.Equal(5, peeked.Length);
        Assert.All(peeked, p => Assert.Equal(0, p.DequeueCount));

        var batch = (await queue.ReceiveMessagesAsync(maxMessages: 50)).Value;
        Assert.Equal(32, batch.Length);
        Assert.Equal(8, (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value.Length);
    }

    [Fact]
    public async Task Time_to_live_can_be_set_or_never_expire()
    {
        var queue = await NewQueueAsync();
        var forever = (await queue.SendMessageAsync("forever", timeToLive: QueueClient.NeverExpire)).Value;
        Assert.True(forever.ExpirationTime.Year >= 9999);
        var brief = (await queue.SendMessageAsync("brief", timeToLive: TimeSpan.FromSeconds(1))).Value;
        Assert.True(brief.ExpirationTime - brief.InsertionTime <= TimeSpan.FromSeconds(2));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var remaining = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;
        Assert.Equal("forever", Assert.Single(remaining).MessageText);
    }

    [Fact]
    public async Task An_oversized_message_is_refused_before_sending()
    {
        var queue = await NewQueueAsync();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new BinaryData(new byte[50_000])));
        Assert.Contains("65536", ex.Message);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Operations_on_a_missing_queue_fail_with_QueueNotFound()
    {
        var queue = new QueueServiceClient(azurite.Server.ConnectionString).GetQueueClient(AzuriteServer.UniqueName("missing"));
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));
        Assert.Equal(404, ex.Status);
        Assert.Equal("QueueNotFound", ex.ErrorCode);
        Assert.Equal(404, (await queue.DeleteIfExistsAsync()).Status);
    }
}
