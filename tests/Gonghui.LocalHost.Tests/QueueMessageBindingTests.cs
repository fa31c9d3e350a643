using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Gonghui.LocalHost.Queues;

namespace Gonghui.LocalHost.Tests;

public sealed class QueueMessageBindingTests
{
    private static readonly QueueMessage Message = WithBody("{\"run\":\"r\",\"failTimes\":2}");

    private static QueueMessage WithBody(string body) => QueuesModelFactory.QueueMessage("m-1", "receipt", BinaryData.FromString(body), 3,
        insertedOn: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void The_message_binds_as_text_bytes_binary_data_the_message_or_json()
    {
        Assert.Equal("{\"run\":\"r\",\"failTimes\":2}", QueueMessageBinding.Value(Message, typeof(string)));
        Assert.Equal(Encoding.UTF8.GetBytes("{\"run\":\"r\",\"failTimes\":2}"), (byte[])QueueMessageBinding.Value(Message, typeof(byte[]))!);
        Assert.Equal(Message.Body, QueueMessageBinding.Value(Message, typeof(BinaryData)));
        Assert.Same(Message, QueueMessageBinding.Value(Message, typeof(QueueMessage)));
        Assert.Equal(new RecordMessage("r", 2), QueueMessageBinding.Value(Message, typeof(RecordMessage)));
    }

    [Fact]
    public void A_message_that_is_not_the_json_type_fails_the_invocation() =>
        Assert.ThrowsAny<JsonException>(() => QueueMessageBinding.Value(WithBody("not json"), typeof(RecordMessage)));

    private sealed record RecordMessage(string Run, int FailTimes = 0);

    [Fact]
    public void Metadata_is_named_as_in_Azure_Functions()
    {
        var data = QueueMessageBinding.Data(Message, "orders");
        Assert.Equal("m-1", data["id"]);
        Assert.Equal(3L, data["dequeueCount"]);
        Assert.Equal(Message.InsertedOn, data["insertionTime"]);
        Assert.Equal("receipt", data["popReceipt"]);
        Assert.Equal("{\"run\":\"r\",\"failTimes\":2}", data["queueTrigger"]);
    }
}
