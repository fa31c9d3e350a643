namespace Gonghui.Storage.Queues;

/// <summary>How message bodies travel: Base64 (the default, as Azure Functions expects) or plain XML-escaped text.</summary>
public enum QueueMessageEncoding
{
    Base64,
    None,
}
