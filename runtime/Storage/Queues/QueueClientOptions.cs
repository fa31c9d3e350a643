namespace Gonghui.Storage.Queues;

public class QueueClientOptions : StorageClientOptions
{
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;
}
